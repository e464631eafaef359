namespace ImapClient.TestServer;

/// <summary>Where each file of one private instance lives; everything is under one short directory.</summary>
internal sealed record DovecotLayout(string Root)
{
    public string ConfigPath => Path.Combine(Root, "dovecot.conf");
    public string FragmentPath => Path.Combine(Root, "local.conf");
    public string BaseDir => Path.Combine(Root, "run");
    public string StateDir => Path.Combine(Root, "state");
    public string LogPath => Path.Combine(Root, "dovecot.log");
    public string UsersPath => Path.Combine(Root, "users");
    public string MailRoot => Path.Combine(Root, "mail");

    /// <summary>The Maildir holding INBOX; must agree with mail_location in <see cref="DovecotConfig"/>.</summary>
    public string UserMaildir(string user) => Path.Combine(MailRoot, user.ToLowerInvariant());

    /// <summary>Makes a fresh directory such as /tmp/imapt-a1b2c3, short because Unix socket paths stop at 107 bytes.</summary>
    public static DovecotLayout CreateUnique()
    {
        string root;
        do
        {
            root = $"/tmp/imapt-{Guid.NewGuid().ToString("N")[..6]}";
        }
        while (Path.Exists(root));

        Directory.CreateDirectory(root);
        // Dovecot's unprivileged processes must traverse it; set explicitly because umask may have narrowed it.
        UnixModes.Set(root, UnixModes.Directory);
        return new DovecotLayout(root);
    }

    /// <summary>Removes the whole directory; retried because a just-stopped child may still be removing its socket.</summary>
    public void Delete()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Root))
                {
                    Directory.Delete(Root, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100);
            }
        }
    }
}
