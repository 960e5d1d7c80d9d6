// frame_pixels.h: one rendered frame read back from the GPU, for screenshots.
#pragma once

#include <cstdint>
#include <vector>

namespace hooks {

struct FramePixels {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // RGBA8, top row first
};

}  // namespace hooks
