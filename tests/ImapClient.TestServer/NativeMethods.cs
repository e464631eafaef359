using System.Runtime.InteropServices;

namespace ImapClient.TestServer;

// The BCL can neither send SIGTERM (Process.Kill is SIGKILL) nor change file ownership.
internal static partial class NativeMethods
{
    internal const int SigKill = 9;
    internal const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Chown(string path, int uid, int gid);

    internal static void ChownOrThrow(string path, int uid, int gid)
    {
        if (Chown(path, uid, gid) != 0)
        {
            throw new IOException($"chown {uid}:{gid} {path} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
