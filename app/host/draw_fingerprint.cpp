// draw_fingerprint.cpp: a 64-bit hash over the draw data, a few hundred KB per frame at most.
#include "app/host/draw_fingerprint.h"

#include <functional>
#include <string_view>

#include "imgui.h"

namespace imhost {

namespace {

// Mixes whole buffers through std::hash<std::string_view> (libstdc++'s murmur-style hash runs
// at several GB/s), so a frame of the workbench (~20k vertices) costs well under 0.1 ms.
class Hasher {
  public:
    void bytes(const void* data, std::size_t size) {
        mix(std::hash<std::string_view>{}(std::string_view(static_cast<const char*>(data), size)));
    }
    template <typename T>
    void value(const T& v) {
        bytes(&v, sizeof v);
    }
    std::uint64_t result() const { return state_; }

  private:
    void mix(std::uint64_t h) { state_ = (state_ ^ h) * 0x100000001b3ull + (state_ >> 29); }
    std::uint64_t state_ = 0xcbf29ce484222325ull;
};

}  // namespace

std::uint64_t draw_fingerprint(const ImDrawData& d) {
    Hasher h;
    h.value(d.DisplayPos);
    h.value(d.DisplaySize);
    h.value(d.FramebufferScale);
    h.value(d.CmdListsCount);
    for (const ImDrawList* list : d.CmdLists) {
        h.bytes(list->VtxBuffer.Data, list->VtxBuffer.size_in_bytes());
        h.bytes(list->IdxBuffer.Data, list->IdxBuffer.size_in_bytes());
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            h.value(cmd.ClipRect);
            h.value(cmd.GetTexID());
            h.value(cmd.VtxOffset);
            h.value(cmd.IdxOffset);
            h.value(cmd.ElemCount);
            // A user callback draws what it likes: never the same frame twice.
            if (cmd.UserCallback) h.value(ImGui::GetFrameCount());
        }
    }
    return h.result();
}

bool has_texture_work(const ImDrawData& d) {
    if (!d.Textures) return false;
    for (const ImTextureData* tex : *d.Textures)
        if (tex->Status != ImTextureStatus_OK) return true;
    return false;
}

}  // namespace imhost
