// png_encoder.h: RGBA pixels -> PNG bytes (stb_image_write), and cropping. Pure; any thread.
#pragma once

#include <string>

#include "hooks/gui/frame_pixels.h"

namespace hooks {

std::string encode_png(const FramePixels& pixels);  // "" if the image is empty
// The part of `pixels` inside [x, x+w) x [y, y+h), clamped to the image.
FramePixels crop(const FramePixels& pixels, int x, int y, int w, int h);

}  // namespace hooks
