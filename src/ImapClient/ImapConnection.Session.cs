using System.Net;
using ImapClient.Commands;
using ImapClient.Sasl;

namespace ImapClient;

/// <summary>Commands valid in any state, and signing in.</summary>
public sealed partial class ImapConnection
{
    /// <summary>Asks the server for its capabilities (CAPABILITY) and updates <see cref="Capabilities"/>.</summary>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The capabilities.</returns>
    public Task<ImapCapabilities> CapabilityAsync(CancellationToken cancellationToken = default) =>
        _session.ExecuteAsync(new CapabilityCommand(), cancellationToken);

    /// <summary>Sends NOOP, which lets the server report changes to the selected mailbox through the events.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    public Task<ImapStatusResponse> NoopAsync(CancellationToken cancellationToken = default) =>
        _session.ExecuteAsync(new SimpleCommand("NOOP"), cancellationToken);

    /// <summary>Logs out (LOGOUT). The server says BYE and closes the connection.</summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    public Task<ImapStatusResponse> LogoutAsync(CancellationToken cancellationToken = default) =>
        _session.ExecuteAsync(new LogoutCommand(), cancellationToken);

    /// <summary>Signs in with LOGIN. The password travels as the server sees it: use TLS or a SASL mechanism on untrusted networks.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK. Servers usually list their new capabilities in it; otherwise call <see cref="CapabilityAsync"/>.</returns>
    /// <exception cref="ImapAuthenticationException">The server rejected the credentials.</exception>
    /// <exception cref="InvalidOperationException">Not in the NotAuthenticated state, or the server announced LOGINDISABLED.</exception>
    public async Task<ImapStatusResponse> LoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        return await _session.ExecuteAsync(new LoginCommand(userName, password), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in with a SASL mechanism (AUTHENTICATE).</summary>
    /// <param name="mechanism">The mechanism name: <c>CRAM-MD5</c> or <c>DIGEST-MD5</c>.</param>
    /// <param name="credential">The user name and password; for DIGEST-MD5 the domain, when set, is the realm.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="ImapAuthenticationException">The server rejected the credentials, or could not prove its identity.</exception>
    /// <exception cref="NotSupportedException">The mechanism is not one this library implements.</exception>
    public async Task<ImapStatusResponse> AuthenticateAsync(string mechanism, NetworkCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(credential);
        SaslMechanism sasl = mechanism.ToUpperInvariant() switch
        {
            "CRAM-MD5" => new CramMd5Mechanism(credential.UserName, credential.Password),
            "DIGEST-MD5" => new DigestMd5Mechanism(
                credential.UserName, credential.Password, HostForDigest(), string.IsNullOrEmpty(credential.Domain) ? null : credential.Domain),
            _ => throw new NotSupportedException($"The SASL mechanism {mechanism} is not supported; use CRAM-MD5 or DIGEST-MD5."),
        };
        return await _session.ExecuteAsync(new AuthenticateCommand(sasl), cancellationToken).ConfigureAwait(false);
    }

    private string HostForDigest() => _host ?? "localhost";
}
