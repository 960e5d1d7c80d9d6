// screenshot_routes.cpp: GET /api/screenshot[?window=NAME] -> image/png.
//
// The GUI thread reads the next rendered frame back (the app's frame reader, from
// HookEngine::frame_rendered(), before present); cropping and PNG encoding happen here, off the
// GUI thread.
#include <cmath>

#include "hooks/detail/engine.h"
#include "hooks/routes/png_encoder.h"

namespace hooks {

void detail::add_screenshot_routes(detail::Engine& engine) {
    engine.router().add(
        "GET", "/api/screenshot", Access::token, [&engine](const HttpRequest& request) {
            const std::string window = request.query_param("window").value_or("");
            std::optional<WindowRecord> target;
            if (!window.empty()) {
                auto snap = engine.ui();
                const WindowRecord* w = snap->find_window(window);
                if (!w)
                    throw ApiError(ErrorCode::no_such_window,
                                   "no open window named '" + window + "'", {{"window", window}});
                target = *w;
            }
            OperationLimit::Slot slot(engine.waiting_limit());
            auto pixels = engine.capture_frame(std::chrono::seconds(5));
            if (!pixels || pixels->width <= 0 || pixels->height <= 0)
                throw ApiError(ErrorCode::unable_to_capture_screen, "the frame read back empty");
            FramePixels cropped;
            const FramePixels* image = pixels.get();
            if (target) {
                auto snap = engine.ui();
                const float sx = snap->framebuffer_scale_x, sy = snap->framebuffer_scale_y;
                cropped = crop(*pixels, static_cast<int>(std::floor(target->rect.x * sx)),
                               static_cast<int>(std::floor(target->rect.y * sy)),
                               static_cast<int>(std::ceil(target->rect.w * sx)),
                               static_cast<int>(std::ceil(target->rect.h * sy)));
                if (cropped.width <= 0)
                    throw ApiError(ErrorCode::unable_to_capture_screen,
                                   "window '" + window + "' is outside the framebuffer");
                image = &cropped;
            }
            HttpReply reply;
            reply.body = encode_png(*image);
            if (reply.body.empty())
                throw ApiError(ErrorCode::unable_to_capture_screen, "PNG encoding failed");
            reply.content_type = "image/png";
            reply.headers.emplace_back("X-Imhost-Width", std::to_string(image->width));
            reply.headers.emplace_back("X-Imhost-Height", std::to_string(image->height));
            return reply;
        });
}

}  // namespace hooks
