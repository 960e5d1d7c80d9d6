// draw_fingerprint.cpp: a 64-bit hash over the draw data, a few hundred KB to a few MB a frame.
#include "app/host/draw_fingerprint.h"

// XXH3 from Debian's libxxhash-dev, compiled in (no library to link): ~20 GB/s against the
// ~4 GB/s of libstdc++'s std::hash, which made the fingerprint ~190 µs of each frame of the demo
// with every window open, a tenth of its ImGui frame.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <array>
#include <cstddef>

#include "imgui.h"

namespace imhost {

namespace {

// What a draw command sends to the GPU, packed without padding so that its bytes are its value.
struct CommandKey {
    ImVec4 clip_rect;
    ImU64 texture;  // the resolved ID: a texture re-created under the same ImTextureData differs
    unsigned vtx_offset, idx_offset, elem_count;
    int callback_frame;  // a user callback draws what it likes: never the same frame twice
};
static_assert(sizeof(CommandKey) == 40, "CommandKey: no padding in what is hashed");

class Hasher {
  public:
    Hasher() { XXH3_64bits_reset(&state_); }
    void bytes(const void* data, std::size_t size) { XXH3_64bits_update(&state_, data, size); }
    template <typename T>
    void value(const T& v) {
        bytes(&v, sizeof v);
    }
    std::uint64_t result() const { return XXH3_64bits_digest(&state_); }

  private:
    XXH3_state_t state_;
};

}  // namespace

std::uint64_t draw_fingerprint(const ImDrawData& d) {
    Hasher h;
    h.value(d.DisplayPos);
    h.value(d.DisplaySize);
    h.value(d.FramebufferScale);
    h.value(d.CmdListsCount);
    // The commands go in batches: one update per command would cost more than their bytes.
    std::array<CommandKey, 64> batch;
    std::size_t queued = 0;
    for (const ImDrawList* list : d.CmdLists) {
        h.value(list->VtxBuffer.Size);  // the lengths: where one buffer ends and the next begins
        h.value(list->IdxBuffer.Size);
        h.bytes(list->VtxBuffer.Data, list->VtxBuffer.size_in_bytes());
        h.bytes(list->IdxBuffer.Data, list->IdxBuffer.size_in_bytes());
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            batch[queued++] = {cmd.ClipRect,  static_cast<ImU64>(cmd.GetTexID()),
                               cmd.VtxOffset, cmd.IdxOffset,
                               cmd.ElemCount, cmd.UserCallback ? ImGui::GetFrameCount() : 0};
            if (queued == batch.size()) {
                h.bytes(batch.data(), sizeof batch);
                queued = 0;
            }
        }
        h.value(list->CmdBuffer.Size);
    }
    h.bytes(batch.data(), queued * sizeof(CommandKey));
    return h.result();
}

bool has_texture_work(const ImDrawData& d) {
    if (!d.Textures) return false;
    for (const ImTextureData* tex : *d.Textures)
        if (tex->Status != ImTextureStatus_OK) return true;
    return false;
}

}  // namespace imhost
