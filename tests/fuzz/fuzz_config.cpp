// libFuzzer target: the config loader.
#include <cstdint>
#include <string>

#include "domain/error.hpp"
#include "store/config_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        owner::parse_config(text, "config.toml", owner::Config{});
    } catch (const owner::Error&) {
    }
    return 0;
}
