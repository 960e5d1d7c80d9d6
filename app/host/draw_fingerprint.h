// draw_fingerprint.h: does this frame draw the same pixels as the last one presented?
//
// An idle imhost still runs an ImGui frame now and then (autosave, health's frame age), and
// under a software renderer (Mesa's llvmpipe, every CI machine) rasterising and presenting the
// window costs ~100 times more than the ImGui frame itself. When the draw data is identical to
// what is already on screen, the host skips both. The fingerprint covers everything that
// reaches the GPU: vertices, indices, commands (clip rects, textures, offsets), the display
// rect and scale, and any pending texture update.
#pragma once

#include <cstdint>

struct ImDrawData;

namespace imhost {

// True when ImGui asks the renderer to create, update or destroy a texture this frame: such a
// frame is always drawn (and its commands may name textures that have no ID yet).
bool has_texture_work(const ImDrawData& draw_data);

// Only when !has_texture_work(draw_data).
std::uint64_t draw_fingerprint(const ImDrawData& draw_data);

}  // namespace imhost
