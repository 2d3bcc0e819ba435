// libFuzzer target: date expressions, in a zone with DST.
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <string>

#include "domain/error.hpp"
#include "domain/when.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool zone = [] {
        ::setenv("TZ", "Europe/Amsterdam", 1);
        ::tzset();
        return true;
    }();
    (void)zone;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const owner::Timestamp now{1795593600, 60};  // 2026-11-25T09:00:00+01:00
    try {
        owner::parse_when(text, now, owner::WorkCalendar());
    } catch (const owner::Error&) {
    }
    return 0;
}
