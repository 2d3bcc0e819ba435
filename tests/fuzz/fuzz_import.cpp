// libFuzzer target: the importer itself (store/import, as `owner import` calls it). Bad input must
// end in one owner::Error whose message is one line naming the input; whatever it accepts must be
// cases whose ids cannot name another file and whose text passes the same check again.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "store/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        for (const auto& entry : owner::parse_import(bytes, "import")) {
            if (!owner::is_safe_id(entry.c.id) || owner::case_text_problem(entry.c)) {
                std::abort();  // accepted what the importer promises to refuse
            }
        }
    } catch (const owner::Error& e) {
        const std::string message = e.what();
        if (!message.starts_with("import") || message.find('\n') != std::string::npos) {
            std::abort();  // an error must be one line that names the input
        }
    }
    return 0;
}
