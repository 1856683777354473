/* Test-only (tests/windows/wine-tests.sh): holds every file under a directory open the way a
 * virus scanner, a backup agent or another reader may — read access, sharing read only (no
 * FILE_SHARE_DELETE, no FILE_SHARE_WRITE), so the files can be neither replaced by a rename nor
 * removed — until a stop file appears. update.lock is left alone (the update needs it).
 * Usage: holdopen.exe DIR READY_FILE STOP_FILE   (writes the number of files held into READY_FILE) */
#include <windows.h>
#include <stdio.h>
#include <string.h>

static int held;

static void hold(const char *dir) {
  char pattern[MAX_PATH];
  WIN32_FIND_DATAA fd;
  snprintf(pattern, sizeof pattern, "%s\\*", dir);
  HANDLE find = FindFirstFileA(pattern, &fd);
  if (find == INVALID_HANDLE_VALUE) return;
  do {
    char path[MAX_PATH];
    if (!strcmp(fd.cFileName, ".") || !strcmp(fd.cFileName, "..") || !strcmp(fd.cFileName, "update.lock")) continue;
    snprintf(path, sizeof path, "%s\\%s", dir, fd.cFileName);
    if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
      hold(path);
    } else if (CreateFileA(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL) != INVALID_HANDLE_VALUE) {
      held++; /* the handle stays open until the process exits */
    }
  } while (FindNextFileA(find, &fd));
  FindClose(find);
}

int main(int argc, char **argv) {
  if (argc != 4) return 2;
  hold(argv[1]);
  FILE *ready = fopen(argv[2], "wb");
  if (!ready) return 1;
  fprintf(ready, "%d\n", held);
  fclose(ready);
  while (GetFileAttributesA(argv[3]) == INVALID_FILE_ATTRIBUTES) Sleep(50);
  return 0;
}
