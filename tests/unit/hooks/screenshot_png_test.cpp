// screenshot_png_test.cpp: PNG encoding and cropping of read-back frames.
#include <gtest/gtest.h>

#include "hooks/routes/png_encoder.h"

namespace {

hooks::FramePixels gradient(int w, int h) {
    hooks::FramePixels p;
    p.width = w;
    p.height = h;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            p.rgba.insert(p.rgba.end(),
                          {static_cast<std::uint8_t>(x), static_cast<std::uint8_t>(y), 7, 255});
    return p;
}

TEST(Png, EncodesWithSignatureAndSize) {
    const std::string png = hooks::encode_png(gradient(40, 30));
    ASSERT_GT(png.size(), 24u);
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned char>(png[at]) << 24) |
               (static_cast<unsigned char>(png[at + 1]) << 16) |
               (static_cast<unsigned char>(png[at + 2]) << 8) |
               static_cast<unsigned char>(png[at + 3]);
    };
    EXPECT_EQ(be32(16), 40u);  // IHDR width
    EXPECT_EQ(be32(20), 30u);  // IHDR height
}

TEST(Png, EmptyImageGivesNothing) { EXPECT_TRUE(hooks::encode_png({}).empty()); }

TEST(Png, CropClampsToTheImage) {
    const auto p = gradient(40, 30);
    const auto c = hooks::crop(p, 10, 5, 100, 100);
    EXPECT_EQ(c.width, 30);
    EXPECT_EQ(c.height, 25);
    EXPECT_EQ(c.rgba[0], 10);  // x of the first pixel
    EXPECT_EQ(c.rgba[1], 5);   // y
    EXPECT_EQ(hooks::crop(p, 50, 50, 10, 10).width, 0);
}

}  // namespace
