using System.Security.Cryptography.X509Certificates;

namespace ImapClient.TestServer;

/// <summary>
/// A private Dovecot instance on free loopback ports with its own configuration, users, certificate and Maildir,
/// all in one temporary directory that disposal removes.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    private const int PortAttempts = 3;
    private readonly DovecotLayout _layout;
    private readonly DovecotIdentity _identity;
    private readonly MaildirWriter _maildir;
    private DovecotProcess? _process;
    private X509Certificate2? _certificate;
    private int _disposed;

    private DovecotServer(DovecotLayout layout, DovecotIdentity identity, IReadOnlyDictionary<string, string> users)
    {
        _layout = layout;
        _identity = identity;
        _maildir = new MaildirWriter(layout, identity);
        Users = users;
    }

    /// <summary>The loopback address both listeners are bound to.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The cleartext IMAP port (STARTTLS is offered).</summary>
    public int Port { get; private set; }

    /// <summary>The implicit-TLS IMAP port.</summary>
    public int TlsPort { get; private set; }

    /// <summary>The instance's temporary directory holding configuration, sockets, log and mail.</summary>
    public string Directory => _layout.Root;

    /// <summary>The PEM file of the server's self-signed certificate (CN and SAN localhost, SAN IP 127.0.0.1).</summary>
    public string CertificatePath { get; private set; } = string.Empty;

    /// <summary>The server's certificate, for clients to pin.</summary>
    public X509Certificate2 Certificate =>
        _certificate ?? throw new InvalidOperationException("The server has not created its certificate.");

    /// <summary>User name to password for every account the server accepts.</summary>
    public IReadOnlyDictionary<string, string> Users { get; }

    /// <summary>Starts an instance and returns once it greets; throws with the log tail when it does not.</summary>
    public static async Task<DovecotServer> StartAsync(
        DovecotServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DovecotServerOptions();
        var binary = DovecotBinary.Locate();
        var server = new DovecotServer(DovecotLayout.CreateUnique(), DovecotIdentity.ForCurrentProcess(), options.Users);
        try
        {
            await server.StartCoreAsync(binary, options, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Writes messages into a user's mailbox ("INBOX", or a name with '/' as separator) in the given order, so they get
    /// ascending UIDs. Works before or after the user's first login; a selected mailbox sees them at its next sync.
    /// </summary>
    public void SeedMessages(string user, string mailbox, IEnumerable<SeedMessage> messages) =>
        _maildir.Write(user, mailbox, messages);

    /// <summary>Sets a mailbox's UIDVALIDITY; only before anything has selected it (seeding first is fine).</summary>
    public void SetUidValidity(string user, string mailbox, uint uidValidity) =>
        _maildir.SetUidValidity(user, mailbox, uidValidity);

    /// <summary>
    /// Logs in and selects the mailbox once, as a mail client would: the messages there so far lose \Recent, so
    /// messages seeded afterwards are the only recent ones.
    /// </summary>
    public Task ClearRecentAsync(string user, string mailbox, CancellationToken cancellationToken = default) =>
        Users.TryGetValue(user, out var password)
            ? RawImapSession.SelectOnceAsync(Host, Port, user, password, mailbox, cancellationToken)
            : throw new ArgumentException($"No user '{user}'.", nameof(user));

    /// <summary>The last lines of the Dovecot log file and of its console output, for failure messages.</summary>
    public string LogTail(int lines = 40)
    {
        var log = File.Exists(_layout.LogPath) ? File.ReadLines(_layout.LogPath).TakeLast(lines) : [];
        var console = _process?.OutputTail(lines) ?? [];
        return $"--- {_layout.LogPath} ---\n{string.Join('\n', log)}\n--- dovecot stdout/stderr ---\n{string.Join('\n', console)}";
    }

    /// <summary>Stops Dovecot and all its processes, then deletes the directory. Safe after a failed start.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await StopProcessAsync().ConfigureAwait(false);
        }
        finally
        {
            _certificate?.Dispose();
            _layout.Delete();
        }
    }

    private async Task StartCoreAsync(string binary, DovecotServerOptions options, CancellationToken cancellationToken)
    {
        var (certPath, keyPath, certificate) =
            await SelfSignedCertificate.CreateAsync(_layout.Root, cancellationToken).ConfigureAwait(false);
        CertificatePath = certPath;
        _certificate = certificate;
        WriteUsers();
        _maildir.CreateMailRoot();
        if (options.WriteExtraConfigAsFragment)
        {
            await File.WriteAllTextAsync(_layout.FragmentPath, options.ExtraConfig ?? string.Empty, cancellationToken)
                .ConfigureAwait(false);
        }

        // Another process can take a probed port before Dovecot binds it; a fresh pair then usually works.
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts.Take(2);
            (Port, TlsPort) = (ports[0], ports[1]);
            var config = DovecotConfig.Render(_layout, _identity, Port, TlsPort, certPath, keyPath, options);
            await File.WriteAllTextAsync(_layout.ConfigPath, config, cancellationToken).ConfigureAwait(false);
            var process = _process = DovecotProcess.Launch(binary, _layout.ConfigPath, options.TimeZone);
            if (await GreetingProbe.WaitAsync(Port, () => process.IsRunning, options.StartTimeout, cancellationToken)
                    .ConfigureAwait(false))
            {
                return;
            }

            if (!process.IsRunning)
            {
                await process.WaitForOutputAsync().ConfigureAwait(false);
            }

            var portTaken = LogTail(200).Contains("Address already in use", StringComparison.Ordinal);
            if (!portTaken || attempt == PortAttempts)
            {
                var what = process.ExitCode is { } code
                    ? $"exited with code {code} before greeting"
                    : $"did not greet on {Host}:{Port} within {options.StartTimeout.TotalSeconds} s";
                throw new InvalidOperationException($"Dovecot {what} ({_layout.ConfigPath}).\n{LogTail()}");
            }

            await StopProcessAsync().ConfigureAwait(false);
        }
    }

    private void WriteUsers()
    {
        // Logins are lower-cased (auth_username_format = %Ln) before the passwd-file lookup, and ':' separates fields.
        if (Users.FirstOrDefault(u => u.Key.Length == 0 || u.Key != u.Key.ToLowerInvariant()
                || $"{u.Key}{u.Value}".IndexOfAny([':', '\n', '\r']) >= 0) is { Key: not null } bad)
        {
            throw new ArgumentException($"User '{bad.Key}' cannot be configured: lower-case names, no ':' or line breaks.");
        }

        File.WriteAllText(_layout.UsersPath, string.Concat(Users.Select(u => $"{u.Key}:{{PLAIN}}{u.Value}\n")));
        // The auth process runs as Dovecot's internal user, not as the caller.
        UnixModes.Set(_layout.UsersPath, UnixModes.ReadableFile);
    }

    private async Task StopProcessAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            using (process)
            {
                await process.StopAsync().ConfigureAwait(false);
            }
        }
    }
}
