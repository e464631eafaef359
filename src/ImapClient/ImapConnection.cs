using System.Security.Authentication;
using ImapClient.Session;

namespace ImapClient;

/// <summary>
/// An IMAP connection. Every method is safe to call from many tasks at once: commands are pipelined where IMAP
/// allows it and held back where their responses would be ambiguous (RFC 9051 section 5.5). Create one with
/// <see cref="ConnectAsync(string, int, ImapSecurity, ImapConnectionOptions?, CancellationToken)"/>.
/// </summary>
public sealed partial class ImapConnection : IAsyncDisposable, ISessionEvents
{
    private ImapSession _session = null!;
    private string? _host;
    private int? _port;
    private ImapConnectionOptions _options = new();

    static ImapConnection() => Protocol.TextEncodings.EnsureRegistered();

    private ImapConnection() { }

    /// <summary>The server's greeting.</summary>
    public ImapStatusResponse Greeting { get; private set; } = null!;

    /// <summary>The connection state.</summary>
    public ImapConnectionState State => _session.State;

    /// <summary>
    /// The capabilities the server announced most recently (in its greeting, a CAPABILITY response or a
    /// <c>[CAPABILITY …]</c> code). Empty until the server has announced any; call <see cref="CapabilityAsync"/> to ask.
    /// </summary>
    public ImapCapabilities Capabilities => _session.Capabilities;

    /// <summary>A snapshot of the selected mailbox, kept up to date as the server reports changes; null when none is selected.</summary>
    public MailboxInfo? SelectedMailbox => State == ImapConnectionState.Selected ? _session.Mailbox?.Snapshot() : null;

    /// <summary>True when the connection is encrypted (implicit TLS, or after STARTTLS).</summary>
    public bool IsEncrypted => _session.Transport.IsEncrypted;

    /// <summary>The TLS protocol in use, or null on an unencrypted connection.</summary>
    public SslProtocols? TlsProtocol => _session.Transport.TlsProtocol;

    /// <summary>The TLS cipher suite in use, or null on an unencrypted connection.</summary>
    public System.Net.Security.TlsCipherSuite? TlsCipherSuite => _session.Transport.TlsCipherSuite;

    /// <summary>
    /// Closes the connection at once, without LOGOUT. Calls already made fail with <see cref="ImapConnectionException"/>;
    /// calls made afterwards throw <see cref="ObjectDisposedException"/>. The properties stay readable. Safe to call twice.
    /// </summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
