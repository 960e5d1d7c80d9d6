// http_types.cpp: small accessors of HttpRequest.
#include "hooks/http/http_types.h"

#include <algorithm>
#include <cctype>

namespace hooks {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) <
               std::tolower(static_cast<unsigned char>(y));
    });
}

std::optional<std::string> HttpRequest::header(std::string_view name) const {
    auto it = headers.find(name);
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
    auto it = query.find(std::string(name));
    if (it == query.end()) return std::nullopt;
    return it->second;
}

}  // namespace hooks
