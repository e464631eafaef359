namespace ImapClient.TestServer;

internal static class DovecotBinary
{
    private const string InstallHint =
        "Dovecot is not installed: run `apt-get install -y dovecot-imapd` (tests/run.sh does this)";

    public static string Locate()
    {
        // /usr/sbin is often missing from a non-root PATH, so it is checked first.
        const string DebianPath = "/usr/sbin/dovecot";
        if (File.Exists(DebianPath))
        {
            return DebianPath;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "dovecot");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(InstallHint);
    }
}
