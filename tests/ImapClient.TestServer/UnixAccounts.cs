namespace ImapClient.TestServer;

/// <summary>An account from /etc/passwd with the name of its primary group.</summary>
internal sealed record UnixAccount(string Name, int Uid, int Gid, string GroupName);

internal static class UnixAccounts
{
    public static UnixAccount? Find(string name)
    {
        foreach (var fields in Entries("/etc/passwd"))
        {
            if (fields.Length >= 4 && fields[0] == name
                && int.TryParse(fields[2], out var uid) && int.TryParse(fields[3], out var gid))
            {
                return new UnixAccount(name, uid, gid, GroupName(gid));
            }
        }

        return null;
    }

    public static UnixAccount Require(string name) =>
        Find(name) ?? throw new InvalidOperationException($"User '{name}' is not in /etc/passwd.");

    public static UnixAccount Current() => Require(Environment.UserName);

    private static string GroupName(int gid)
    {
        var id = gid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Entries("/etc/group").FirstOrDefault(f => f.Length >= 3 && f[2] == id)?[0] ?? id;
    }

    private static IEnumerable<string[]> Entries(string path) =>
        File.Exists(path) ? File.ReadLines(path).Select(line => line.Split(':')) : [];
}
