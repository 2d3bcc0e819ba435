// libFuzzer target: the case file loader must reject bad input with owner::Error, never crash,
// and whatever it accepts must survive a write and a re-read unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/error.hpp"
#include "store/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const owner::Case c = owner::parse_case(text, "fuzz.toml");
        const std::string written = owner::write_case(c);
        const std::string again = owner::write_case(owner::parse_case(written, "fuzz.toml"));
        if (again != written) {
            std::abort();  // the writer must be stable
        }
    } catch (const owner::Error&) {
    }
    return 0;
}
