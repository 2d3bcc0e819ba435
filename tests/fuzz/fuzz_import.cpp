// libFuzzer target: the import reader (JSON, then each case's TOML).
#include <cstdint>
#include <string>

#include "domain/error.hpp"
#include "render/json.hpp"
#include "store/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const owner::Json doc = owner::parse_json(text, "import");
        doc.dump();
        if (const owner::Json* cases = doc.find("cases"); cases && cases->array_items()) {
            for (const auto& entry : *cases->array_items()) {
                if (const owner::Json* toml = entry.find("toml"); toml && toml->string()) {
                    owner::parse_case(*toml->string(), "import");
                }
            }
        }
    } catch (const owner::Error&) {
    }
    return 0;
}
