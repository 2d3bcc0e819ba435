#include <unistd.h>

#include "app.hpp"

int main(int argc, char** argv) {
    return owner::run(argc, argv, environ);
}
