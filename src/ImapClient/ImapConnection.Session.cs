using System.Runtime.CompilerServices;
using ImapClient.Diagnostics;
using System.Net;
using ImapClient.Commands;
using ImapClient.Sasl;
using ImapClient.Session;

namespace ImapClient;

/// <summary>Commands valid in any state, and signing in.</summary>
public sealed partial class ImapConnection
{
    private readonly Lock _logoutLock = new();
    private Task<ImapStatusResponse>? _logout;

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

    /// <summary>
    /// Logs out (LOGOUT). The server says BYE and closes the connection. Calling it again sends nothing: a later call
    /// returns what the first one returns (unless the first failed before the session ended, e.g. it was cancelled
    /// before it was sent; then LOGOUT is sent again).
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="ObjectDisposedException">The connection was disposed.</exception>
    public Task<ImapStatusResponse> LogoutAsync(CancellationToken cancellationToken = default)
    {
        if (_session.IsDisposed)
        {
            return Task.FromException<ImapStatusResponse>(Session.ImapSession.Disposed());
        }

        lock (_logoutLock)
        {
            if (_logout is { } first && (!first.IsCompleted || first.IsCompletedSuccessfully || State == ImapConnectionState.Logout))
            {
                // The second caller shares the first answer but waits under its own token.
                return first.IsCompleted || !cancellationToken.CanBeCanceled ? first : first.WaitAsync(cancellationToken);
            }

            return _logout = _session.ExecuteAsync(new LogoutCommand(), cancellationToken);
        }
    }

    /// <summary>Signs in with LOGIN, which sends the password as it is: only over TLS, unless plaintext is allowed.</summary>
    /// <param name="userName">The user name.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels waiting.</param>
    /// <returns>The server's tagged OK. Servers usually list their new capabilities in it; otherwise call <see cref="CapabilityAsync"/>.</returns>
    /// <exception cref="ImapAuthenticationException">The server rejected the credentials.</exception>
    /// <exception cref="ArgumentException">The user name or password contains NUL, which no IMAP string can carry.</exception>
    /// <exception cref="InvalidOperationException">
    /// Not in the NotAuthenticated state, the server announced LOGINDISABLED, or the connection is unencrypted and
    /// <see cref="ImapConnectionOptions.AllowPlaintextAuthentication"/> is off.
    /// </exception>
    public async Task<ImapStatusResponse> LoginAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);

        // CR and LF travel safely inside a literal; NUL cannot travel at all (RFC 3501: a literal is CHAR8, 1-255).
        if (userName.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The user name contains NUL, which IMAP cannot send.", nameof(userName));
        }

        if (password.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The password contains NUL, which IMAP cannot send.", nameof(password));
        }

        ThrowIfPlaintextRefused("LOGIN");
        return await SignInAsync(userName, "LOGIN", new LoginCommand(userName, password) { Api = nameof(LoginAsync) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs in with the strongest password mechanism both sides support (SCRAM-SHA-256, SCRAM-SHA-1, DIGEST-MD5,
    /// CRAM-MD5, then PLAIN and LOGIN, and the LOGIN command last). Plaintext ones are used only over TLS, unless
    /// <see cref="ImapConnectionOptions.AllowPlaintextAuthentication"/> is set.
    /// </summary>
    /// <param name="credential">The user name and password (the domain, when set, is the DIGEST-MD5 realm).</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="ImapAuthenticationException">The server rejected the credentials, or could not prove its identity.</exception>
    /// <exception cref="InvalidOperationException">No mechanism both sides support may be used on this connection.</exception>
    public async Task<ImapStatusResponse> AuthenticateAsync(NetworkCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var capabilities = Capabilities.All.Count > 0 ? Capabilities : await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        var plaintextAllowed = IsEncrypted || _options.AllowPlaintextAuthentication;
        foreach (var name in SaslMechanismFactory.PreferenceOrder)
        {
            if (capabilities.SupportsAuthentication(name) && (plaintextAllowed || !SaslMechanismFactory.IsPlaintext(name)))
            {
                return await AuthenticateAsync(name, credential, cancellationToken).ConfigureAwait(false);
            }
        }

        if (plaintextAllowed && !capabilities.LoginDisabled)
        {
            return await LoginAsync(credential.UserName, credential.Password, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            $"No way to sign in that both sides support may be used on this {(IsEncrypted ? "" : "unencrypted ")}connection " +
            $"(the server offers: {string.Join(", ", capabilities.AuthenticationMechanisms.DefaultIfEmpty("no SASL mechanisms"))}" +
            $"{(capabilities.LoginDisabled ? ", LOGINDISABLED" : "")}).");
    }

    /// <summary>Signs in with a named SASL mechanism (AUTHENTICATE).</summary>
    /// <param name="mechanism">SCRAM-SHA-256, SCRAM-SHA-1, DIGEST-MD5, CRAM-MD5, PLAIN or LOGIN.</param>
    /// <param name="credential">The user name and password; for DIGEST-MD5 the domain, when set, is the realm.</param>
    /// <param name="cancellationToken">Cancels the exchange: the client answers the next challenge with <c>*</c>.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="ImapAuthenticationException">The server rejected the credentials, or could not prove its identity.</exception>
    /// <exception cref="NotSupportedException">The mechanism is not one this library implements.</exception>
    /// <exception cref="InvalidOperationException">A plaintext mechanism on an unencrypted connection without opting in.</exception>
    public async Task<ImapStatusResponse> AuthenticateAsync(string mechanism, NetworkCredential credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(credential);
        var sasl = SaslMechanismFactory.Create(mechanism, credential, _host ?? "localhost")
            ?? throw new NotSupportedException(
                $"The SASL mechanism {mechanism} is not supported; use one of {string.Join(", ", SaslMechanismFactory.PreferenceOrder)}.");
        return await AuthenticateAsync(sasl, credential.UserName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in with PLAIN, acting for another identity (RFC 4616 authorization identity).</summary>
    /// <param name="credential">The user name and password of the one signing in.</param>
    /// <param name="authorizationId">The identity to act as (e.g. a shared mailbox), or null.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The server's tagged OK.</returns>
    public async Task<ImapStatusResponse> AuthenticatePlainAsync(NetworkCredential credential, string? authorizationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return await AuthenticateAsync(new PlainMechanism(credential.UserName, credential.Password, authorizationId), credential.UserName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in with an OAuth 2.0 access token: OAUTHBEARER (RFC 7628) when offered, else XOAUTH2.</summary>
    /// <param name="userName">The account's address.</param>
    /// <param name="accessToken">The bearer token.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The server's tagged OK.</returns>
    /// <exception cref="ImapAuthenticationException">The server rejected the token; its JSON error, if any, is in the message.</exception>
    /// <exception cref="NotSupportedException">The server offers neither mechanism; nothing was sent.</exception>
    public async Task<ImapStatusResponse> AuthenticateOAuth2Async(string userName, string accessToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ThrowIfDisposed();
        var capabilities = Capabilities.All.Count > 0 ? Capabilities : await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        SaslMechanism sasl = capabilities.SupportsAuthentication("OAUTHBEARER")
            ? new OAuthBearerMechanism(userName, accessToken, _host, _port)
            : capabilities.SupportsAuthentication("XOAUTH2")
                ? new XOAuth2Mechanism(userName, accessToken)
                : throw new NotSupportedException("The server offers neither OAUTHBEARER nor XOAUTH2; no token was sent.");
        return await AuthenticateAsync(sasl, userName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs in with EXTERNAL: the identity established outside IMAP (a TLS client certificate).</summary>
    /// <param name="authorizationId">The identity to act as, or null for the one the certificate names.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The server's tagged OK.</returns>
    public async Task<ImapStatusResponse> AuthenticateExternalAsync(string? authorizationId = null, CancellationToken cancellationToken = default) =>
        await AuthenticateAsync(new ExternalMechanism(authorizationId), authorizationId ?? "(TLS client certificate)", cancellationToken).ConfigureAwait(false);

    private async Task<ImapStatusResponse> AuthenticateAsync(
        SaslMechanism sasl, string user, CancellationToken cancellationToken, [CallerMemberName] string api = "")
    {
        if (SaslMechanismFactory.IsPlaintext(sasl.Name) || sasl is XOAuth2Mechanism or OAuthBearerMechanism)
        {
            ThrowIfPlaintextRefused(sasl.Name);
        }

        return await SignInAsync(user, sasl.Name, new AuthenticateCommand(sasl) { Api = api }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs LOGIN or AUTHENTICATE with the sign-in logged: who and how, the outcome, never the secret.</summary>
    private async Task<ImapStatusResponse> SignInAsync(string user, string mechanism, ImapCommand<ImapStatusResponse> command, CancellationToken cancellationToken)
    {
        ImapLog.Authenticating(_session.Logger, user, mechanism);
        var before = _session.Capabilities;
        try
        {
            var ok = await _session.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            if (ok.Code?.Kind != ImapResponseCodeKind.Capability && ReferenceEquals(_session.Capabilities, before))
            {
                _session.MarkCapabilitiesStale();
            }

            ImapLog.Authenticated(_session.Logger, user);
            return ok;
        }
        catch (ImapAuthenticationException ex)
        {
            ImapLog.AuthenticationFailed(_session.Logger, user, mechanism, ex.ResponseText ?? ex.Message);
            throw;
        }
    }

    /// <summary>Passwords and tokens never cross an unencrypted connection unless the caller said they may.</summary>
    private void ThrowIfPlaintextRefused(string what)
    {
        ThrowIfDisposed();
        if (!IsEncrypted && !_options.AllowPlaintextAuthentication)
        {
            throw new InvalidOperationException(
                $"{what} would send the credentials unencrypted. Connect with ImapSecurity.ImplicitTls or StartTlsRequired, " +
                "use a challenge-response mechanism (AuthenticateAsync picks one), or set ImapConnectionOptions.AllowPlaintextAuthentication.");
        }
    }
}
