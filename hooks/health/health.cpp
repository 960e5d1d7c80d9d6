// health.cpp: the /api/gui_health document, and its text kept serialized between changes.
#include "hooks/health/health.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace hooks {

// The running document's text, cut around its four live fields. parts[i] precedes field
// order[i]; parts[4] ends the document.
struct Health::Template {
    bool valid = false;  // false: none built yet
    IoPoolFigures pool;
    std::shared_ptr<const imgui_guard::GuardSnapshot> guard;
    HealthStatus status = HealthStatus::pass;
    enum Field { uptime_s, frame_count, last_frame_age_ms, fps };
    std::array<std::string, 5> parts;
    std::array<Field, 4> order{};
};

namespace {

double round_to(double value, double scale) { return std::round(value * scale) / scale; }

// A number as nlohmann::json dumps it: the shortest text that reads back the same double, with
// ".0" on whole numbers.
void append_number(std::string& out, double value) {
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof(text), value);
    if (ec != std::errc()) {
        out += "null";
        return;
    }
    out.append(text, end);
    if (std::none_of(text, end, [](char c) { return c == '.' || c == 'e' || c == 'n'; }))
        out += ".0";
}

void append_number(std::string& out, std::uint64_t value) {
    char text[24];
    const auto [end, ec] = std::to_chars(text, text + sizeof(text), value);
    out.append(text, ec == std::errc() ? end : text);
}

}  // namespace

Health::Health(const FrameLoopStatus& loop, Options options)
    : loop_(loop), options_(std::move(options)) {}

void Health::set_io_pool_source(std::function<IoPoolFigures()> source) {
    io_pool_ = std::move(source);
}
namespace {

// The guard's shared snapshot; an empty one before the guard published any.
std::shared_ptr<const imgui_guard::GuardSnapshot> guard_now() {
    static const auto kNone = std::make_shared<const imgui_guard::GuardSnapshot>();
    std::shared_ptr<const imgui_guard::GuardSnapshot> snapshot = imgui_guard::shared_snapshot();
    return snapshot ? snapshot : kNone;
}

// imgui_guard::to_json gives a record's full shape, stack and stacktrace included.
nlohmann::json record_or_null(const std::optional<imgui_guard::Record>& record) {
    return record ? nlohmann::json(*record) : nlohmann::json(nullptr);
}

}  // namespace

double Health::uptime_s() const {
    return std::chrono::duration<double>(SteadyClock::now() - started_).count();
}

HealthReport Health::report() const {
    const Phase phase = loop_.phase(options_.stall_after);
    const double frame_age = loop_.last_frame_age_ms();
    Live live{round_to(uptime_s(), 1000), loop_.frame_count(),
              frame_age < 0 ? nlohmann::json(nullptr) : nlohmann::json(round_to(frame_age, 10)),
              round_to(loop_.fps(), 10)};
    return build(phase, io_pool_ ? io_pool_() : IoPoolFigures{}, *guard_now(), std::move(live));
}

HealthReport Health::build(Phase phase, const IoPoolFigures& pool,
                           const imgui_guard::GuardSnapshot& guard, Live live) const {
    std::vector<std::string> reasons;
    HealthReport report;
    report.status = decide_status(phase, loop_.reason(), loop_.crashed_by_signal(),
                                  loop_.heartbeat_age_ms(), pool, guard, reasons);

    report.body = {
        {"status", status_name(report.status)},
        {"phase", phase_name(phase)},
        {"healthy", report.status == HealthStatus::pass},
        {"degraded", report.status != HealthStatus::pass},
        {"degraded_reasons", reasons},
        {"instance_id", options_.instance_id},
        {"pid", static_cast<long>(::getpid())},
        {"uptime_s", std::move(live.uptime_s)},
        {"frame",
         {{"count", std::move(live.frame_count)},
          {"last_frame_age_ms", std::move(live.last_frame_age_ms)},
          {"fps", std::move(live.fps)}}},
        {"io_pool",
         {{"state", pool.state},
          {"workers", pool.workers},
          {"queued", pool.queued},
          {"active", pool.active},
          {"completed", pool.completed},
          {"failed", pool.failed},
          {"rejected", pool.rejected},
          {"last_error",
           pool.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(pool.last_error)}}},
        {"guard",
         {{"asserts", guard.asserts},
          {"user_errors", guard.user_errors},
          {"scope_leaks", guard.scope_leaks},
          {"id_conflicts", guard.id_conflicts},
          {"exceptions", guard.exceptions},
          {"recoveries", guard.recoveries},
          {"quarantined_panels", guard.quarantined_panels}}},
        {"last_assert", record_or_null(guard.last_assert)},
        {"last_error", record_or_null(guard.last_error)},
    };
    return report;
}

std::shared_ptr<const Health::Template> Health::make_template(
    IoPoolFigures pool, std::shared_ptr<const imgui_guard::GuardSnapshot> guard) const {
    // Placeholders no real value can produce (a control character), found again in the text.
    static const std::array<std::string, 4> kMarks = {"\001uptime", "\001count", "\001age",
                                                      "\001fps"};
    const HealthReport report =
        build(Phase::running, pool, *guard, {kMarks[0], kMarks[1], kMarks[2], kMarks[3]});
    const std::string text = report.body.dump();

    auto out = std::make_shared<Template>();
    std::array<std::pair<std::size_t, Template::Field>, 4> at{};
    std::array<std::size_t, 4> mark_size{};
    for (int f = 0; f < 4; ++f) {
        const std::string quoted = nlohmann::json(kMarks[f]).dump();  // as it appears in `text`
        at[f] = {text.find(quoted), static_cast<Template::Field>(f)};
        mark_size[f] = quoted.size();
        if (at[f].first == std::string::npos) return nullptr;  // cannot happen: dump() keeps keys
    }
    std::sort(at.begin(), at.end());
    std::size_t from = 0;
    for (int i = 0; i < 4; ++i) {
        out->parts[i] = text.substr(from, at[i].first - from);
        out->order[i] = at[i].second;
        from = at[i].first + mark_size[at[i].second];
    }
    out->parts[4] = text.substr(from);
    out->valid = true;
    out->pool = std::move(pool);
    out->guard = std::move(guard);
    out->status = report.status;
    return out;
}

HealthText Health::text() const {
    const Phase phase = loop_.phase(options_.stall_after);
    if (phase != Phase::running) {  // rare, and its reasons change with time: the slow path
        const HealthReport report = this->report();
        return {report.status, report.body.dump()};
    }
    IoPoolFigures pool = io_pool_ ? io_pool_() : IoPoolFigures{};
    std::shared_ptr<const imgui_guard::GuardSnapshot> summary = guard_now();
    std::shared_ptr<const Template> t = template_.get();
    if (!t->valid || t->guard != summary || !(t->pool == pool)) {
        t = make_template(std::move(pool), std::move(summary));
        if (!t) {
            const HealthReport report = this->report();
            return {report.status, report.body.dump()};
        }
        template_.publish(t);
    }

    HealthText out;
    out.status = t->status;
    std::size_t size = 96;
    for (const std::string& part : t->parts) size += part.size();
    out.body.reserve(size);
    for (int i = 0; i < 4; ++i) {
        out.body += t->parts[i];
        switch (t->order[i]) {
            case Template::uptime_s:
                append_number(out.body, round_to(uptime_s(), 1000));
                break;
            case Template::frame_count:
                append_number(out.body, loop_.frame_count());
                break;
            case Template::last_frame_age_ms:
                append_number(out.body, round_to(std::max(0.0, loop_.last_frame_age_ms()), 10));
                break;
            case Template::fps:
                append_number(out.body, round_to(loop_.fps(), 10));
                break;
        }
    }
    out.body += t->parts[4];
    return out;
}

}  // namespace hooks
