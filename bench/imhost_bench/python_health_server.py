"""The Python reference: http.server.ThreadingHTTPServer serving imhost's health JSON.

    python3 python_health_server.py PORT BODY.json [--http1.0]

By default set up at its fastest for keep-alive clients: HTTP/1.1 (persistent connections) with
TCP_NODELAY (disable_nagle_algorithm), one thread per connection, no request logging.
With --http1.0 it runs as the seed's kind of server did, and as issue 15's throughput target names
it: http.server's default protocol, one connection (and one thread) per request.
Each request builds the document afresh (uptime, frame age) and encodes it, as imhost does,
instead of replaying bytes."""
import http.server
import json
import sys
import time


class HealthHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    template = {}
    started = time.monotonic()

    def do_GET(self):
        if self.path.split("?")[0] != "/api/gui_health":
            self.send_error(404)
            return
        doc = dict(self.template)
        doc["uptime_s"] = round(time.monotonic() - self.started, 3)
        body = json.dumps(doc).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    port, body_path = int(sys.argv[1]), sys.argv[2]
    if "--http1.0" in sys.argv[3:]:
        HealthHandler.protocol_version = "HTTP/1.0"
    with open(body_path) as f:
        HealthHandler.template = json.load(f)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), HealthHandler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
