// png_encoder.cpp: PNG encoding through Debian's libstb (which holds the implementation).
#include "hooks/routes/png_encoder.h"

#include <stb/stb_image_write.h>

#include <algorithm>

namespace hooks {

std::string encode_png(const FramePixels& p) {
    if (p.width <= 0 || p.height <= 0 ||
        p.rgba.size() < static_cast<std::size_t>(p.width) * static_cast<std::size_t>(p.height) * 4)
        return {};
    std::string out;
    auto write = [](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                                   static_cast<std::size_t>(size));
    };
    if (!stbi_write_png_to_func(write, &out, p.width, p.height, 4, p.rgba.data(), p.width * 4))
        return {};
    return out;
}

FramePixels crop(const FramePixels& p, int x, int y, int w, int h) {
    const int x0 = std::clamp(x, 0, p.width), y0 = std::clamp(y, 0, p.height);
    const int x1 = std::clamp(x + w, 0, p.width), y1 = std::clamp(y + h, 0, p.height);
    FramePixels out;
    out.width = x1 - x0;
    out.height = y1 - y0;
    if (out.width <= 0 || out.height <= 0) return FramePixels{};
    out.rgba.resize(static_cast<std::size_t>(out.width) * out.height * 4);
    for (int row = 0; row < out.height; ++row) {
        const auto* src = p.rgba.data() + (static_cast<std::size_t>(y0 + row) * p.width + x0) * 4;
        std::copy(src, src + static_cast<std::size_t>(out.width) * 4,
                  out.rgba.data() + static_cast<std::size_t>(row) * out.width * 4);
    }
    return out;
}

}  // namespace hooks
