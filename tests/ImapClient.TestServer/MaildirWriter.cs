using System.Globalization;

namespace ImapClient.TestServer;

/// <summary>
/// Writes messages straight into Dovecot's Maildir, far faster than APPEND; Dovecot indexes them at the next SELECT.
/// </summary>
internal sealed class MaildirWriter(DovecotLayout layout, DovecotIdentity identity)
{
    private const string AllowedFlags = "DFRST";
    private readonly Lock _gate = new();
    private long _lastFileTime;
    private long _sequence;

    /// <summary>Creates the folder holding every user's Maildir, owned by the mail user so Dovecot can add users.</summary>
    public void CreateMailRoot()
    {
        lock (_gate)
        {
            CreateOwnedDirectory(layout.MailRoot);
        }
    }

    public void Write(string user, string mailbox, IEnumerable<SeedMessage> messages)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(messages);
        var folder = FolderPath(layout.UserMaildir(user), mailbox);
        lock (_gate)
        {
            EnsureMaildir(layout.UserMaildir(user), folder);
            foreach (var message in messages)
            {
                WriteOne(folder, message);
            }
        }
    }

    public void SetUidValidity(string user, string mailbox, uint uidValidity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentOutOfRangeException.ThrowIfZero(uidValidity);
        var folder = FolderPath(layout.UserMaildir(user), mailbox);
        lock (_gate)
        {
            EnsureMaildir(layout.UserMaildir(user), folder);
            // Dovecot keeps the header of an existing uidlist, and assigns the next UIDs from N.
            var uidList = Path.Combine(folder, "dovecot-uidlist");
            if (File.Exists(uidList))
            {
                throw new InvalidOperationException($"Mailbox '{mailbox}' of '{user}' already has UIDs.");
            }

            File.WriteAllText(uidList, string.Create(CultureInfo.InvariantCulture, $"3 V{uidValidity} N1\n"));
            Own(uidList);
        }
    }

    private static string FolderPath(string userRoot, string mailbox)
    {
        ArgumentException.ThrowIfNullOrEmpty(mailbox);
        if (string.Equals(mailbox, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return userRoot;
        }

        // Maildir++ spells the hierarchy with '.', so a '.' inside a name would create a hierarchy level.
        if (mailbox.Contains('.', StringComparison.Ordinal) || mailbox.Any(ch => ch > 0x7e || ch < 0x20)
            || mailbox.StartsWith('/') || mailbox.EndsWith('/'))
        {
            throw new ArgumentException(
                $"Mailbox '{mailbox}' cannot be seeded: use printable ASCII without '.', with '/' as separator.",
                nameof(mailbox));
        }

        return Path.Combine(userRoot, "." + mailbox.Replace('/', '.'));
    }

    private void EnsureMaildir(string userRoot, string folder)
    {
        CreateOwnedDirectory(layout.MailRoot);
        foreach (var dir in new[] { userRoot, folder }.Distinct())
        {
            CreateOwnedDirectory(dir);
            foreach (var sub in new[] { "cur", "new", "tmp" })
            {
                CreateOwnedDirectory(Path.Combine(dir, sub));
            }
        }

        if (folder != userRoot)
        {
            var marker = Path.Combine(folder, "maildirfolder");
            if (!File.Exists(marker))
            {
                File.WriteAllBytes(marker, []);
                Own(marker);
            }
        }
    }

    private void WriteOne(string folder, SeedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var flags = NormalizeFlags(message.MaildirFlags);
        // UIDs are assigned in file-name time order: one second apart keeps them in the caller's order.
        _lastFileTime = Math.Max(_lastFileTime + 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var content = message.Content;
        var virtualSize = content.Length + CountBareLineFeeds(content);
        var baseName = string.Create(CultureInfo.InvariantCulture,
            $"{_lastFileTime}.M{++_sequence}P{Environment.ProcessId}.imapt,S={content.Length},W={virtualSize}");

        // Written under tmp/ and renamed, the Maildir way, so a running Dovecot never sees a partial file.
        var temp = Path.Combine(folder, "tmp", baseName);
        using (var file = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.Write(file, content, 0);
            File.SetLastWriteTimeUtc(file, message.InternalDate.UtcDateTime);
        }

        Own(temp);
        File.Move(temp, Path.Combine(folder, "cur", $"{baseName}:2,{flags}"));
    }

    private static string NormalizeFlags(string flags)
    {
        var invalid = flags.Where(ch => !AllowedFlags.Contains(ch, StringComparison.Ordinal)).ToArray();
        if (invalid.Length > 0)
        {
            throw new ArgumentException($"Unknown Maildir flags '{new string(invalid)}'; use {AllowedFlags}.", nameof(flags));
        }

        // Maildir requires the letters in ASCII order, each once.
        return new string([.. flags.Distinct().Order()]);
    }

    private static int CountBareLineFeeds(byte[] content)
    {
        var count = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\n' && (i == 0 || content[i - 1] != (byte)'\r'))
            {
                count++;
            }
        }

        return count;
    }

    private void CreateOwnedDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path);
            UnixModes.Set(path, UnixModes.Directory);
            Own(path);
        }
    }

    private void Own(string path)
    {
        // As root the files are made by root but read and renamed by Dovecot's mail user.
        if (!identity.Rootless)
        {
            NativeMethods.ChownOrThrow(path, identity.Mail.Uid, identity.Mail.Gid);
        }
    }
}
