// health_rate_main.cpp: GET /api/gui_health at a fixed combined rate over keep-alive connections,
// for `make bench`'s load section. wrk measures how fast a server can go; this measures what a
// steady poller (a harness checking health between steps, several of them at once) costs the
// GUI it polls. wrk2, which does fixed rates, is not in Debian.
//
//   imhost_health_rate PORT CONNECTIONS RATE SECONDS
//     -> one JSON line: {"sent", "ok", "req_s", "p50_us", "p99_us", "max_us"}
//
// Each connection sends on its own schedule (start + k * CONNECTIONS / RATE, staggered), and a
// request's latency counts from its scheduled time, so a server that falls behind is charged for
// the queue it makes (no coordinated omission).
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Tally {
    std::mutex mutex;
    std::vector<double> latencies_us;
    long sent = 0, ok = 0;
};

void poll_health(int port, Clock::time_point start, Clock::duration interval, Clock::time_point end,
                 Tally& tally) {
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    std::vector<double> mine;
    long sent = 0, ok = 0;
    for (Clock::time_point due = start; due < end; due += interval) {
        std::this_thread::sleep_until(due);
        const auto reply = client.Get("/api/gui_health");
        ++sent;
        if (reply && reply->status == 200) ++ok;
        mine.push_back(std::chrono::duration<double, std::micro>(Clock::now() - due).count());
    }
    std::lock_guard lock(tally.mutex);
    tally.latencies_us.insert(tally.latencies_us.end(), mine.begin(), mine.end());
    tally.sent += sent;
    tally.ok += ok;
}

double percentile(std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1));
    return sorted[i];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s PORT CONNECTIONS RATE SECONDS\n", argv[0]);
        return 2;
    }
    const int port = std::atoi(argv[1]);
    const int connections = std::max(1, std::atoi(argv[2]));
    const double rate = std::max(1.0, std::atof(argv[3]));
    const double seconds = std::max(0.1, std::atof(argv[4]));
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(connections / rate));
    const Clock::time_point start = Clock::now() + std::chrono::milliseconds(50);
    const Clock::time_point end =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    Tally tally;
    std::vector<std::thread> pollers;
    for (int c = 0; c < connections; ++c)
        pollers.emplace_back(poll_health, port, start + interval * c / connections, interval, end,
                             std::ref(tally));
    for (std::thread& t : pollers) t.join();
    std::vector<double>& l = tally.latencies_us;
    std::sort(l.begin(), l.end());
    std::printf(
        "{\"sent\": %ld, \"ok\": %ld, \"req_s\": %.1f, \"p50_us\": %.1f, \"p99_us\": %.1f, "
        "\"max_us\": %.1f}\n",
        tally.sent, tally.ok, static_cast<double>(tally.sent) / seconds, percentile(l, 50),
        percentile(l, 99), l.empty() ? 0.0 : l.back());
    return tally.ok == tally.sent ? 0 : 1;
}
