/* A stand-in for Windows' bcryptprimitives.dll, for running giamkhao.exe under Wine 8 in tests only.
 *
 * Rust's standard library asks bcryptprimitives.dll for ProcessPrng (random bytes, for HashMap keys)
 * when a program starts. Windows 8.1 and later have it; Debian's Wine 8 has no bcryptprimitives.dll at
 * all, so every Rust program stops before main. This DLL exports ProcessPrng on top of advapi32's
 * SystemFunction036 (RtlGenRandom), which Wine has. .ci/run builds it with mingw and puts it in the
 * Wine prefix's system32. It is never shipped: real Windows has the real one.
 */
#include <windows.h>

typedef BOOLEAN(WINAPI *RtlGenRandomFn)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    static RtlGenRandomFn gen_random;
    if (!gen_random) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi) return FALSE;
        gen_random = (RtlGenRandomFn)GetProcAddress(advapi, "SystemFunction036");
        if (!gen_random) return FALSE;
    }
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!gen_random(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
