// background_priority.cpp: per-thread nice (background_priority.h).
#include "hooks/http/background_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hooks::http_detail {

void run_at_background_priority() {
    // PRIO_PROCESS with a thread ID sets that thread's nice value alone (see setpriority(2),
    // "BUGS": Linux threads do not share it). A failure leaves the thread as it was: harmless.
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    (void)::setpriority(PRIO_PROCESS, tid, kServerNice);
}

}  // namespace hooks::http_detail
