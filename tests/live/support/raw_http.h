// raw_http.h: exact bytes over a TCP socket, for live tests of what an HTTP client library would
// never send (chunked bodies with broken sizes, 1 MB header lines, a byte a second).
//
//   rawhttp::RawReply r = rawhttp::raw_exchange(port, "GET /api/status HTTP/1.1\r\nHost:
//   x\r\n\r\n", 5s); r.status   // 403, or 0 if the server closed the connection without a reply
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace rawhttp {

struct RawReply {
    int status = 0;    // from the status line; 0: no reply
    std::string head;  // status line and headers
    std::string body;
    bool closed = false;     // the server closed the connection
    bool timed_out = false;  // no complete reply before the deadline
    std::string error;       // connect/send/recv failure, if any
    double ms = 0;           // connect to the end of the reply
};

// Connects to 127.0.0.1:port, sends `request` while reading, and returns once a complete reply
// (headers plus Content-Length bytes) arrived, the server closed, or the deadline passed. The
// server may answer before the request is fully sent (a refusal of a 1 MB header): sending
// then stops and the reply is still read.
RawReply raw_exchange(int port, std::string_view request, std::chrono::milliseconds deadline);

// One open connection to 127.0.0.1:port, for clients that send slowly.
class RawConnection {
  public:
    explicit RawConnection(int port);  // throws std::runtime_error if it cannot connect
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool send(std::string_view bytes);  // false once the server closed the connection
    // Reads until a complete reply, a close, or the deadline.
    RawReply read_reply(std::chrono::milliseconds deadline);
    // True while the server has neither answered nor closed this connection (nothing to read).
    bool still_waiting() const;

  private:
    int fd_ = -1;
};

}  // namespace rawhttp
