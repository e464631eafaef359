using System.Net.Security;

namespace ImapClient;

/// <summary>Settings for an <see cref="ImapConnection"/>.</summary>
public sealed class ImapConnectionOptions
{
    /// <summary>
    /// How long a command may wait for its completion before it fails with <see cref="TimeoutException"/>, counting the
    /// time it is held back behind commands it may not run beside. The clock restarts whenever the server sends
    /// anything, so a long FETCH that keeps arriving never times out while a server that stalls does. A streamed body
    /// whose server stalls fails its read with <see cref="TimeoutException"/>; the time the caller takes to read a body
    /// is not counted. Also bounds a write the server does not accept. Default 2 minutes;
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long connecting (TCP, TLS and the greeting) may take. Default 30 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the server may take to send its greeting once the connection (and implicit TLS) is up, within
    /// <see cref="ConnectTimeout"/>. A server that says nothing is often an implicit-TLS port spoken to in plaintext:
    /// it waits for a TLS handshake, so this fails early with a message that says so. Default 15 seconds;
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none (the connect timeout still applies).
    /// </summary>
    public TimeSpan GreetingTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The clock behind every timeout and delay of the connection: <see cref="CommandTimeout"/>,
    /// <see cref="ConnectTimeout"/>, <see cref="GreetingTimeout"/>, the IDLE restart and NOOP polling intervals of
    /// <see cref="ImapIdleOptions"/>, the durations logged and measured, and the protocol log's timestamps. Default
    /// <see cref="TimeProvider.System"/>; tests can pass a fake clock (such as FakeTimeProvider) and move time on
    /// themselves instead of waiting for it.
    /// </summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>
    /// Validates the server's TLS certificate. Null means the platform's default validation (the certificate must
    /// chain to a trusted root and match the host name).
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidationCallback { get; set; }

    /// <summary>
    /// TLS settings (target host, certificate validation, client certificates, protocols) for implicit TLS and
    /// STARTTLS. Null means defaults: the host name given to ConnectAsync as the target, and
    /// <see cref="ServerCertificateValidationCallback"/> when set. The object is copied, not changed.
    /// </summary>
    public SslClientAuthenticationOptions? SslOptions { get; set; }

    /// <summary>
    /// Allows credentials to travel unprotected: LOGIN, and the PLAIN and LOGIN mechanisms, on a connection without
    /// TLS. Off by default, because anyone on the path can read them.
    /// </summary>
    public bool AllowPlaintextAuthentication { get; set; }

    /// <summary>
    /// Where the connection logs (category <c>ImapClient.ImapConnection</c>): connecting, TLS, signing in (never a
    /// secret), each command's tag, name, status and duration at Debug, unparsable responses and broken connections
    /// at Warning. Null (the default): no logging.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Receives every line sent and received, with secrets (passwords, SASL responses, tokens) redacted.</summary>
    public IImapProtocolLogger? ProtocolLogger { get; set; }

    /// <summary>
    /// The longest response line accepted (bytes, literals excluded). Default 1 MiB. SEARCH, SORT, THREAD and ESEARCH
    /// results, which hold one number per message and so grow with the mailbox, may be up to 64 MiB (or this limit, if larger).
    /// </summary>
    public int MaxLineLength { get; set; } = 1024 * 1024;

    /// <summary>
    /// The largest literal held in memory (bytes), so a hostile server cannot make us allocate without bound. Default
    /// 8 MiB. Bodies streamed with <see cref="ImapConnection.FetchStreamAsync"/> (and GetMessageAsync, DownloadAsync)
    /// are not held in memory and have no such limit.
    /// </summary>
    public long MaxLiteralSize { get; set; } = 8L * 1024 * 1024;

    /// <summary>The deepest nesting of lists and body structures accepted. Default 64.</summary>
    public int MaxNestingDepth { get; set; } = 64;

    /// <summary>
    /// The most items one FETCH response may carry (each body section counts), so a server cannot grow a message's
    /// data without bound inside one response. Default 1024.
    /// </summary>
    public int MaxFetchItems { get; set; } = 1024;

    /// <summary>
    /// Which well-known server defects are tolerated; all by default (<see cref="ImapQuirks.All"/>). Remove a flag to
    /// make the parser strict about that defect, e.g. when testing a server: a response showing it then fails the
    /// command it concerns with <see cref="ImapProtocolException"/>.
    /// </summary>
    public ImapQuirks Quirks { get; set; } = ImapQuirks.All;

    /// <summary>
    /// Capabilities that COPY, MOVE and EXPUNGE act as if the server did not announce (MOVE, UIDPLUS), so that tests can
    /// run the fallbacks against a server that has them.
    /// </summary>
    internal IReadOnlyCollection<string> IgnoredCapabilities { get; set; } = [];

    /// <summary>The TLS options for a connection to <paramref name="host"/>, built from <see cref="SslOptions"/> without changing it.</summary>
    internal SslClientAuthenticationOptions CreateSslOptions(string host)
    {
        var source = SslOptions;
        return new SslClientAuthenticationOptions
        {
            TargetHost = source?.TargetHost ?? host,
            RemoteCertificateValidationCallback = source?.RemoteCertificateValidationCallback ?? ServerCertificateValidationCallback,
            LocalCertificateSelectionCallback = source?.LocalCertificateSelectionCallback,
            ClientCertificates = source?.ClientCertificates,
            ClientCertificateContext = source?.ClientCertificateContext,
            EnabledSslProtocols = source?.EnabledSslProtocols ?? System.Security.Authentication.SslProtocols.None,
            CertificateRevocationCheckMode = source?.CertificateRevocationCheckMode ?? System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
            CipherSuitesPolicy = source?.CipherSuitesPolicy,
            ApplicationProtocols = source?.ApplicationProtocols,
            AllowRenegotiation = source?.AllowRenegotiation ?? true,
            CertificateChainPolicy = source?.CertificateChainPolicy,
        };
    }
}
