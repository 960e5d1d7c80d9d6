// null_deref_recovery.h: a null dereference inside a guarded panel costs the panel, not the
// process.
//
// Some misuse crashes inside Dear ImGui before any assertion can fire: EndMultiSelect() without
// BeginMultiSelect() reads through a null pointer, and so does TableNextRow() outside a table.
// When the crash handler (crash_handler.h) receives a fatal signal, it first asks this part
// whether the fault can be survived. It can when all of these hold:
//   - it is SIGSEGV or SIGBUS, on a thread that is inside guarded() (the GUI thread);
//   - the faulting address is in the first 64 KiB: a null pointer, or a field of one;
//   - the program counter is in the executable's own code (Dear ImGui and the app are linked
//     into it), not in libc, the allocator or another shared library, whose locks and state
//     the jump would leave broken;
//   - the guard is not already recovering from one.
// Then the handler jumps back to the panel's guard (siglongjmp), which records a `crash`
// record with the stack of the fault, recovers ImGui's stacks as after an assertion,
// quarantines the panel, and lets the frame go on. Any other fatal signal ends the process
// with a crash report, as before.
//
// Limits, and why it is still worth it: the jump skips the destructors of everything on the
// panel's stack between the fault and the guard (their memory leaks, a lock they held stays
// held), and whatever the panel had half-updated stays half-updated. That is why the panel is
// quarantined at once instead of retried. A null read in ImGui's own code touches no lock.
//
// Under ThreadSanitizer (which wraps signal handlers) it is off: the process ends as before.
//
//   imgui_guard::set_null_deref_recovery(false);  // imhost --no-recover-null-deref
#pragma once

namespace imgui_guard {

void set_null_deref_recovery(bool on);  // default on; any thread, before or after the handler
bool null_deref_recovery();

}  // namespace imgui_guard
