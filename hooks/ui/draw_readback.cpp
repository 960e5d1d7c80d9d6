// draw_readback.cpp: glyph quads back to text, and style-coloured shapes back to widget states.
#include "hooks/ui/draw_readback.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

namespace hooks {

namespace {

// --- The font atlas's glyphs, by the UVs of their quads ----------------------------------------

struct GlyphInfo {
    const ImFontGlyph* glyph = nullptr;
    float space_advance = 0;  // the advance of ' ' in the same baked font, unscaled
    float line_height = 0;    // the baked font's size, unscaled
};

std::uint64_t uv_key(const ImVec2& uv) {
    std::uint32_t u = 0, v = 0;
    std::memcpy(&u, &uv.x, sizeof u);
    std::memcpy(&v, &uv.y, sizeof v);
    return (static_cast<std::uint64_t>(u) << 32) | v;
}

// Every visible glyph of every baked font, by its top-left UV and by its bottom-right one: a
// glyph that ImGui clipped on its right or bottom edge keeps the first, on its left or top the
// second.
class GlyphTable {
  public:
    explicit GlyphTable(ImFontAtlas& atlas) {
        if (!atlas.Builder) return;
        ImStableVector<ImFontBaked, 32>& pool = atlas.Builder->BakedPool;
        for (int i = 0; i < pool.Size; ++i) {
            ImFontBaked& baked = pool[i];
            if (baked.WantDestroy) continue;
            const ImFontGlyph* space = baked.FindGlyphNoFallback(' ');
            const float space_advance = space ? space->AdvanceX : baked.FallbackAdvanceX;
            for (const ImFontGlyph& g : baked.Glyphs) {
                if (!g.Visible || g.U0 == g.U1) continue;
                const GlyphInfo info{&g, space_advance, baked.Size};
                top_left_.emplace(uv_key(ImVec2(g.U0, g.V0)), info);
                bottom_right_.emplace(uv_key(ImVec2(g.U1, g.V1)), info);
            }
        }
    }
    // The glyph a quad (its 4 vertices as RenderText writes them: TL, TR, BR, BL) shows.
    const GlyphInfo* match(const ImDrawVert* v) const {
        const bool axis_aligned = v[0].uv.y == v[1].uv.y && v[1].uv.x == v[2].uv.x &&
                                  v[2].uv.y == v[3].uv.y && v[3].uv.x == v[0].uv.x &&
                                  v[0].pos.y == v[1].pos.y && v[0].pos.x == v[3].pos.x;
        if (!axis_aligned || v[0].uv.x == v[2].uv.x) return nullptr;
        if (auto it = top_left_.find(uv_key(v[0].uv)); it != top_left_.end()) return &it->second;
        if (auto it = bottom_right_.find(uv_key(v[2].uv)); it != bottom_right_.end())
            return &it->second;
        return nullptr;
    }

  private:
    std::unordered_map<std::uint64_t, GlyphInfo> top_left_, bottom_right_;
};

bool drawn_from_atlas(const ImDrawCmd& cmd, const ImFontAtlas& atlas) {
    if (cmd.UserCallback) return false;
    if (cmd.TexRef._TexData) {
        for (const ImTextureData* t : atlas.TexList)
            if (t == cmd.TexRef._TexData) return true;
        return false;
    }
    return cmd.TexRef._TexID == atlas.TexRef.GetTexID();
}

// --- Walking a window's draw lists ------------------------------------------------------------

// One glyph as drawn: where its text line starts (its origin) and how far it advances.
struct Glyph {
    unsigned codepoint = 0;
    float x = 0, y = 0;  // origin: the pen position it was drawn at (top of the line)
    float advance = 0, size = 0, space = 0;  // scaled to the size it was drawn at
    ImU32 color = 0;
    bool after_shape = false;  // something that is no glyph was drawn between it and the last
};

bool contains(const ImVec4& clip, float x, float y) {
    return x >= clip.x && x <= clip.z && y >= clip.y && y <= clip.w;
}
bool contains(const UiRect& r, float x, float y) {
    return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}

// Calls visit(vertex, clip_rect) for each vertex each command of `list` draws, in drawing order;
// glyph quads go to on_glyph instead (their 4 vertices at once).
template <typename Shape, typename GlyphFn>
void walk(const ImDrawList& list, const ImFontAtlas& atlas, const GlyphTable* glyphs,
          Shape&& on_shape, GlyphFn&& on_glyph) {
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
        if (cmd.UserCallback || cmd.ElemCount == 0) continue;
        // A command's vertices are one contiguous range (channels are merged range by range).
        unsigned lo = ~0u, hi = 0;
        for (unsigned i = 0; i < cmd.ElemCount; ++i) {
            const unsigned idx = list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i)];
            lo = std::min(lo, idx), hi = std::max(hi, idx);
        }
        const int begin = static_cast<int>(cmd.VtxOffset + lo);
        const int end = std::min(static_cast<int>(cmd.VtxOffset + hi) + 1, list.VtxBuffer.Size);
        const bool atlas_texture = glyphs && drawn_from_atlas(cmd, atlas);
        for (int i = begin; i < end;) {
            const ImDrawVert* v = &list.VtxBuffer[i];
            if (atlas_texture && i + 4 <= end) {
                if (const GlyphInfo* g = glyphs->match(v)) {
                    on_glyph(v, *g, cmd.ClipRect);
                    i += 4;
                    continue;
                }
            }
            on_shape(*v, cmd.ClipRect);
            ++i;
        }
    }
}

// The windows whose draw lists make up `root`: itself and its child windows (not its popups,
// which are windows of their own).
std::vector<ImGuiWindow*> drawn_windows(ImGuiContext& ctx, ImGuiWindow* root) {
    std::vector<ImGuiWindow*> out;
    for (ImGuiWindow* w : ctx.Windows) {
        if (!w->Active || w->Hidden || !w->DrawList) continue;
        if (root ? w->RootWindow == root && (w == root || (w->Flags & ImGuiWindowFlags_ChildWindow))
                 : w->RootWindow == w)
            out.push_back(w);
    }
    return out;
}

std::vector<Glyph> glyphs_of(ImGuiContext& ctx, ImGuiWindow& window, const GlyphTable& table,
                             const UiRect& within) {
    std::vector<Glyph> out;
    bool shape_since = false;
    ImFontAtlas& atlas = *ctx.IO.Fonts;
    walk(
        *window.DrawList, atlas, &table,
        [&](const ImDrawVert& v, const ImVec4&) {
            if ((v.col & IM_COL32_A_MASK) != 0) shape_since = true;
        },
        [&](const ImDrawVert* v, const GlyphInfo& info, const ImVec4& clip) {
            const ImFontGlyph& g = *info.glyph;
            const float cx = (v[0].pos.x + v[2].pos.x) * 0.5f;
            const float cy = (v[0].pos.y + v[2].pos.y) * 0.5f;
            if (!contains(clip, cx, cy) || (!within.empty() && !contains(within, cx, cy))) return;
            // The scale it was drawn at, from the unclipped axis (ImGui clips x or y, not both).
            const float gw = g.X1 - g.X0, gh = g.Y1 - g.Y0;
            const float qw = v[2].pos.x - v[0].pos.x, qh = v[2].pos.y - v[0].pos.y;
            const float du = g.U1 - g.U0, qu = v[2].uv.x - v[0].uv.x;
            const float scale = std::fabs(qu - du) < 1e-7f && gw > 0 ? qw / gw
                                : gh > 0                             ? qh / gh
                                                                     : 1.0f;
            const bool clipped_left = v[0].uv.x != g.U0, clipped_top = v[0].uv.y != g.V0;
            Glyph out_g;
            out_g.codepoint = g.Codepoint;
            out_g.x = (clipped_left ? v[2].pos.x - g.X1 * scale : v[0].pos.x - g.X0 * scale);
            out_g.y = (clipped_top ? v[2].pos.y - g.Y1 * scale : v[0].pos.y - g.Y0 * scale);
            out_g.advance = g.AdvanceX * scale;
            out_g.space = info.space_advance * scale;
            out_g.size = info.line_height * scale;
            out_g.color = v[0].col;
            out_g.after_shape = shape_since;
            shape_since = false;
            out.push_back(out_g);
        });
    return out;
}

void append_utf8(std::string& s, unsigned codepoint) {
    char buf[5];
    const int n = ImTextCharToUtf8(buf, codepoint);
    s.append(buf, static_cast<std::size_t>(n));
}

UiRect unite(const UiRect& a, const UiRect& b) {
    if (a.empty()) return b;
    const float x0 = std::min(a.x, b.x), y0 = std::min(a.y, b.y);
    const float x1 = std::max(a.x + a.w, b.x + b.w), y1 = std::max(a.y + a.h, b.y + b.h);
    return {x0, y0, x1 - x0, y1 - y0};
}

// Glyphs in drawing order -> runs. A run goes on while the next glyph sits on the same line,
// ahead of the pen, within four spaces, with no shape drawn in between.
std::vector<DrawnRun> runs_of(const std::vector<Glyph>& glyphs) {
    std::vector<DrawnRun> runs;
    float pen = 0, top = 0, height = 0;
    for (const Glyph& g : glyphs) {
        const float gap = g.x - pen;
        const float space = g.space > 0 ? g.space : g.advance;
        const bool same_run = !runs.empty() && !g.after_shape && std::fabs(g.y - top) < 0.5f &&
                              gap > -0.5f && gap < 4.5f * space;
        if (!same_run) {
            runs.push_back({"", {g.x, g.y, 0, 0}, g.color});
            top = g.y, height = 0;
        } else {
            for (int n = static_cast<int>(std::lround(gap / space)); n > 0; --n)
                runs.back().text += ' ';
        }
        append_utf8(runs.back().text, g.codepoint);
        height = std::max(height, g.size);
        pen = g.x + g.advance;
        UiRect& r = runs.back().rect;
        r.w = pen - r.x, r.h = height;
    }
    return runs;
}

// Runs -> lines: those whose boxes overlap by more than half vertically, sorted left to right;
// lines top to bottom.
std::vector<DrawnLine> lines_of(std::vector<DrawnRun> runs, const std::string& window) {
    std::stable_sort(runs.begin(), runs.end(),
                     [](const DrawnRun& a, const DrawnRun& b) { return a.rect.y < b.rect.y; });
    std::vector<DrawnLine> lines;
    for (DrawnRun& run : runs) {
        DrawnLine* line = nullptr;
        for (auto it = lines.rbegin(); it != lines.rend() && !line; ++it) {
            const float overlap = std::min(it->rect.y + it->rect.h, run.rect.y + run.rect.h) -
                                  std::max(it->rect.y, run.rect.y);
            if (overlap > 0.5f * std::min(it->rect.h, run.rect.h)) line = &*it;
        }
        if (!line) {
            lines.push_back({window, "", {}, {}});
            line = &lines.back();
        }
        line->rect = unite(line->rect, run.rect);
        line->runs.push_back(std::move(run));
    }
    for (DrawnLine& line : lines) {
        std::stable_sort(line.runs.begin(), line.runs.end(),
                         [](const DrawnRun& a, const DrawnRun& b) { return a.rect.x < b.rect.x; });
        for (const DrawnRun& run : line.runs) {
            if (!line.text.empty()) line.text += ' ';
            line.text += run.text;
        }
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const DrawnLine& a, const DrawnLine& b) { return a.rect.y < b.rect.y; });
    return lines;
}

// --- Shapes by style colour ------------------------------------------------------------------

// A style colour as ImGui draws it (GetColorU32: times the global alpha). Colours are compared
// whole: in the default dark style FrameBgHovered and Button are the same colour, so what tells a
// hovered combo from a button is the shapes next to each other, not a colour alone.
ImU32 drawn_color(const ImGuiContext& ctx, ImGuiCol col) {
    ImVec4 c = ctx.Style.Colors[col];
    c.w *= ctx.Style.Alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

struct Box {
    ImU32 color = 0;
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    int count = 0;
    void add(const ImVec2& p) {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x),
        y1 = std::max(y1, p.y), ++count;
    }
    UiRect rect() const { return count ? UiRect{x0, y0, x1 - x0, y1 - y0} : UiRect{}; }
};

// The vertices drawn over an item, one box per colour (their bounding box and count).
class ColorBoxes {
  public:
    void add(const ImVec2& pos, ImU32 col) {
        for (Box& b : boxes_)
            if (b.color == col) return b.add(pos);
        boxes_.push_back({col});
        boxes_.back().add(pos);
    }
    // The largest box drawn in one of `cols`, or nullptr. Flat boxes are an edge of the item
    // next to it (its top edge touches our bottom one), not a shape of this item.
    const Box* find(const ImGuiContext& ctx, std::initializer_list<ImGuiCol> cols,
                    const Box* except = nullptr) const {
        const Box* best = nullptr;
        for (ImGuiCol c : cols)
            for (const Box& b : boxes_) {
                if (&b == except) continue;
                const float area = (b.x1 - b.x0) * (b.y1 - b.y0);
                if (b.color == drawn_color(ctx, c) && b.x1 - b.x0 >= 1 && b.y1 - b.y0 >= 1 &&
                    (!best || area > (best->x1 - best->x0) * (best->y1 - best->y0)))
                    best = &b;
            }
        return best;
    }

  private:
    std::vector<Box> boxes_;
};

}  // namespace

std::vector<DrawnLine> read_drawn_text(ImGuiContext& ctx, ImGuiWindow* window,
                                       const UiRect& within) {
    const GlyphTable table(*ctx.IO.Fonts);
    std::vector<DrawnLine> out;
    std::vector<ImGuiWindow*> roots;
    if (window)
        roots.push_back(window->RootWindow);
    else
        for (ImGuiWindow* w : drawn_windows(ctx, nullptr)) roots.push_back(w);
    for (ImGuiWindow* root : roots) {
        std::vector<DrawnRun> runs;
        for (ImGuiWindow* w : drawn_windows(ctx, root)) {
            std::vector<DrawnRun> mine = runs_of(glyphs_of(ctx, *w, table, within));
            runs.insert(runs.end(), std::make_move_iterator(mine.begin()),
                        std::make_move_iterator(mine.end()));
        }
        std::vector<DrawnLine> lines = lines_of(std::move(runs), root->Name);
        out.insert(out.end(), std::make_move_iterator(lines.begin()),
                   std::make_move_iterator(lines.end()));
    }
    return out;
}

DrawnShapes::DrawnShapes(ImGuiContext& ctx, ImGuiWindow* window) : ctx_(ctx), window_(window) {
    if (!window || !window->DrawList) return;
    const GlyphTable table(*ctx.IO.Fonts);
    walk(
        *window->DrawList, *ctx.IO.Fonts, &table,
        [&](const ImDrawVert& v, const ImVec4&) {
            if ((v.col & IM_COL32_A_MASK) != 0) points_.push_back({v.pos.x, v.pos.y, v.col, false});
        },
        [&](const ImDrawVert* v, const GlyphInfo&, const ImVec4&) {
            points_.push_back({(v[0].pos.x + v[2].pos.x) * 0.5f, (v[0].pos.y + v[2].pos.y) * 0.5f,
                               v[0].col, true});
        });
    std::stable_sort(points_.begin(), points_.end(),
                     [](const Point& a, const Point& b) { return a.y < b.y; });
}

DrawnState read_drawn_state(ImGuiContext& ctx, ImGuiWindow* window, const UiRect& item) {
    return DrawnShapes(ctx, window).state(item);
}

DrawnState DrawnShapes::state(const UiRect& item) const {
    DrawnState state;
    ImGuiContext& ctx = ctx_;
    if (!window_ || item.empty()) return state;
    const UiRect near{item.x - 0.5f, item.y - 0.5f, item.w + 1, item.h + 1};
    ColorBoxes shapes;
    int glyphs = 0;
    auto first = std::lower_bound(points_.begin(), points_.end(), near.y,
                                  [](const Point& p, float y) { return p.y < y; });
    for (auto it = first; it != points_.end() && it->y <= near.y + near.h; ++it) {
        if (!contains(near, it->x, it->y)) continue;
        if (it->glyph)
            ++glyphs;
        else
            shapes.add(ImVec2(it->x, it->y), it->color);
    }
    auto at_corner = [&](const Box* b) { return b && b->x0 - item.x < 3 && b->y0 - item.y < 3; };
    const Box* frame =
        shapes.find(ctx, {ImGuiCol_FrameBg, ImGuiCol_FrameBgActive, ImGuiCol_FrameBgHovered});
    const Box* button =
        shapes.find(ctx, {ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive});
    const Box* check = shapes.find(ctx, {ImGuiCol_CheckMark});
    const Box* header =
        shapes.find(ctx, {ImGuiCol_Header, ImGuiCol_HeaderHovered, ImGuiCol_HeaderActive});
    // A combo: its preview frame, then its arrow button right after it (hovered, the frame has
    // the Button colour and the arrow ButtonHovered).
    const Box* arrow = shapes.find(ctx, {ImGuiCol_ButtonHovered, ImGuiCol_Button}, frame);
    const Box* preview =
        at_corner(frame) && arrow && arrow != frame && std::fabs(arrow->x0 - frame->x1) < 1.5f
            ? frame
            : nullptr;
    if (at_corner(frame) && frame->count >= 8 && frame->x1 - frame->x0 <= item.h + 1) {
        // RadioButton(): a filled circle (many vertices) in the square at the item's left, and
        // when checked, a smaller one in CheckMark inside it.
        state.kind = DrawnState::Kind::radio;
        state.on = check && check->x0 >= frame->x0 && check->x1 <= frame->x1;
    } else if (preview || (at_corner(frame) && frame != button)) {
        // A frame at the item's corner (a combo's preview, a plot): the text it shows.
        state.kind = DrawnState::Kind::frame;
        for (const DrawnLine& line : read_drawn_text(ctx, window_, frame->rect())) {
            if (!state.text.empty()) state.text += '\n';
            state.text += line.text;
        }
    } else if (header && header->count >= 4 && header->x1 - header->x0 >= item.w * 0.5f) {
        state.kind = DrawnState::Kind::highlight;
        state.on = true;
        state.ambiguous = header->color != drawn_color(ctx, ImGuiCol_Header);
    } else if (at_corner(button)) {
        state.kind = DrawnState::Kind::button;
    } else if (glyphs > 0 && !frame && !check) {
        state.kind = DrawnState::Kind::plain;
    }
    return state;
}

}  // namespace hooks
