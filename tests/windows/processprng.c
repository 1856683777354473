/*
 * TEST-ONLY support for running the Windows build under Wine on Linux; never shipped.
 *
 * Rust's standard library on Windows gets randomness from ProcessPrng in bcryptprimitives.dll
 * (Windows 10 and later have it). Debian 12's Wine 8 has no bcryptprimitives.dll, so the
 * binaries do not start under Wine. This stand-in exports ProcessPrng and fills the buffer from
 * BCryptGenRandom (the system RNG, which Wine provides). scripts/build-windows.sh builds it with
 * mingw-w64 and puts it next to the .exe only in the Wine test directory.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
