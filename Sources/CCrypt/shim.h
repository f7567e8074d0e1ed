// libxcrypt (Debian's libcrypt): crypt_r verifies bcrypt ($2a$/$2b$/$2y$) password hashes for
// --web.config.file's basic_auth_users.
#include <crypt.h>
