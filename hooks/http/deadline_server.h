// deadline_server.h: cpp-httplib's server with a deadline per request (internal to hooks/http/).
//
// httplib's own read timeout is per recv(), so a client sending a byte a second (slowloris) would
// hold a connection thread forever. DeadlineServer runs httplib's connection loop, but each
// request's stream stops reading once `request_deadline` has passed since its first byte; a
// request httplib dropped without a reply (too slow: 408; request line too long: 414) gets one in
// the JSON envelope, and a connection closed with unread bytes is drained first (lingering
// close), so the reply is not lost to a TCP reset.
#pragma once

#include <chrono>

#include "hooks/http/httplib_config.h"

namespace hooks::http_detail {

class WatchedStream;

class DeadlineServer final : public httplib::Server {
  public:
    std::chrono::milliseconds request_deadline{3000};

  private:
    bool process_and_close_socket(socket_t sock) override;
    void answer_dropped(WatchedStream& strm) const;  // httplib gave up without a reply
};

}  // namespace hooks::http_detail
