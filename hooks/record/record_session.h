// record_session.h: the recorder inside a running engine: fed once per frame on the GUI thread,
// read from any thread through a published copy, and written to a file as it goes.
//
//   GUI thread   frame(ctx, snapshot) from the engine's RenderPost hook: the frame's input facts
//                and draw-data readers (FrameInput) are taken from the context here, and only
//                while recording; start() / stop() (the routes run them through run_on_gui)
//   any thread   published(): {"recording", "app", "steps"}, also after the loop died
//
// With a file (imhost --record FILE), recording starts with the engine, and the file is written
// in its format (step_code.h, by extension) each time the steps change and at stop: a crash
// mid-recording leaves the steps so far. The file is a few KB written once per user action, so
// it is written on the GUI thread rather than handed to an IO pool the hooks do not have.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "hooks/gui/published.h"
#include "hooks/record/step_code.h"
#include "hooks/record/step_recorder.h"

struct ImGuiContext;

namespace hooks {

class RecordSession {
  public:
    explicit RecordSession(std::string app);

    // --- GUI thread -------------------------------------------------------------------------
    void frame(ImGuiContext& ctx, std::shared_ptr<const UiSnapshot> snapshot);
    bool recording() const { return recorder_.recording(); }
    bool start();  // false: already recording
    bool stop();   // false: not recording
    // Records from now on into `path` (its format by extension); "" or why not.
    std::string record_to_file(const std::string& path);

    // --- any thread -------------------------------------------------------------------------
    std::shared_ptr<const nlohmann::json> published() const { return published_.get(); }

  private:
    void publish();  // the document, and the file, when the steps changed

    StepRecorder recorder_;
    std::string file_;
    CodeFormat file_format_ = CodeFormat::json;
    std::uint64_t published_version_ = ~0ull;
    Published<nlohmann::json> published_;
};

}  // namespace hooks
