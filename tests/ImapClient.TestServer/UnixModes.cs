namespace ImapClient.TestServer;

internal static class UnixModes
{
    /// <summary>rwxr-xr-x: the owner writes, Dovecot's other users traverse.</summary>
    public const UnixFileMode Directory =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>rw-r--r--: the auth process, running as another user, reads the password file.</summary>
    public const UnixFileMode ReadableFile =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Set(string path, UnixFileMode mode)
    {
        // Dovecot runs only on Unix; one guard here keeps the rest of the harness free of platform checks.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Dovecot test server needs Linux.");
        }

        File.SetUnixFileMode(path, mode);
    }
}
