// throw_capture.cpp: remembers the stack of an exception thrown inside a guarded scope.
//
// By the time a guard's catch block runs, the stack of the throw is unwound. The link wraps
// __cxa_throw (-Wl,--wrap=__cxa_throw, set on the imgui_guard target), so every throw in code
// linked with the guard passes here first. Outside a guarded scope it costs one thread-local
// read; inside, a raw capture (~2 us) that the guard symbolizes only if it catches the exception.
#include <typeinfo>

#include "imgui_guard/detail/guard_context.h"

namespace imgui_guard::detail {

void note_throw(void* thrown_object) {
    ThreadScope& scope = thread_scope();
    if (scope.guarded_depth == 0) return;
    scope.thrown = thrown_object;
    scope.throw_pc_count = stacktrace::capture_pcs(scope.throw_pcs, stacktrace::kMaxFrames);
}

}  // namespace imgui_guard::detail

extern "C" {

[[noreturn]] void __real___cxa_throw(void* object, std::type_info* type, void (*destroy)(void*));

[[noreturn]] void __wrap___cxa_throw(void* object, std::type_info* type, void (*destroy)(void*)) {
    imgui_guard::detail::note_throw(object);
    __real___cxa_throw(object, type, destroy);
}

}  // extern "C"
