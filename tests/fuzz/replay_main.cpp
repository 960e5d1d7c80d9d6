// replay_main.cpp: runs a fuzz target over files without libFuzzer.
//
// Each target's CTest test (fuzz_replay_<target>) links this main instead of libFuzzer and
// replays the committed corpus, tests/fuzz/corpus/<target>/: the seeds, and every input that
// once crashed a target (saved there as crash-<what>). So a crash found by `make fuzz` stays a
// regression test of every ordinary build, gcc included.
//
//   fuzz_replay_port_file tests/fuzz/corpus/port_file [more files or folders...]
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs_of(const fs::path& arg) {
    std::vector<fs::path> files;
    if (fs::is_directory(arg)) {
        for (const auto& entry : fs::directory_iterator(arg))
            if (entry.is_regular_file()) files.push_back(entry.path());
        std::sort(files.begin(), files.end());  // a stable order, so a failure is reproducible
    } else if (fs::is_regular_file(arg)) {
        files.push_back(arg);
    }
    return files;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const auto files = inputs_of(argv[i]);
        if (files.empty()) {
            std::fprintf(stderr, "replay: no input files in %s\n", argv[i]);
            return 1;
        }
        for (const fs::path& file : files) {
            std::ifstream in(file, std::ios::binary);
            const std::string bytes{std::istreambuf_iterator<char>(in),
                                    std::istreambuf_iterator<char>()};
            // A crash or a failed invariant aborts here; CTest shows the file name below.
            std::fprintf(stderr, "replay: %s (%zu bytes)\n", file.c_str(), bytes.size());
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                   bytes.size());
            ++replayed;
        }
    }
    std::printf("replay: %zu inputs, no crash and every invariant held\n", replayed);
    return replayed > 0 ? 0 : 1;
}
