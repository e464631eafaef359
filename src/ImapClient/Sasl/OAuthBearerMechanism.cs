using System.Globalization;
using System.Text;

namespace ImapClient.Sasl;

/// <summary>The OAUTHBEARER mechanism (RFC 7628): an OAuth 2.0 bearer token (RFC 6750) in the initial response.</summary>
internal sealed class OAuthBearerMechanism : InitialResponseMechanism
{
    private readonly string _userName;
    private readonly string _accessToken;
    private readonly string? _host;
    private readonly int? _port;
    private bool _errorAnswered;

    /// <summary>Creates the mechanism for the given user and access token.</summary>
    /// <param name="userName">The user, sent as the GS2 authorization identity; empty to let the server take it from the token.</param>
    /// <param name="accessToken">The bearer token.</param>
    /// <param name="host">The server's host name, sent as <c>host=</c> when given.</param>
    /// <param name="port">The server's port, sent as <c>port=</c> when given.</param>
    /// <exception cref="ArgumentException">A value contains ^A (U+0001), the message's field separator.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not a TCP port number.</exception>
    public OAuthBearerMechanism(string userName, string accessToken, string? host = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(accessToken);
        OAuthText.RejectSeparator(userName, nameof(userName));
        OAuthText.RejectSeparator(accessToken, nameof(accessToken));
        OAuthText.RejectSeparator(host ?? string.Empty, nameof(host));
        if (port is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(port));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 65535, nameof(port));
        }

        _userName = userName;
        _accessToken = accessToken;
        _host = host;
        _port = port;
    }

    /// <inheritdoc/>
    public override string Name => SaslMechanismNames.OAuthBearer;

    /// <summary>
    /// The server's error (RFC 7628 section 3.2.2: a JSON object with <c>status</c>, and optionally <c>scope</c> and
    /// <c>openid-configuration</c>) when it rejected the token; null until the server sends an error challenge.
    /// </summary>
    public string? ErrorJson { get; private set; }

    /// <inheritdoc/>
    protected override byte[] CreateMessage()
    {
        // client-resp = gs2-header kvsep *kvpair kvsep, with kvsep = %x01 and each kvpair ending in kvsep.
        var builder = new StringBuilder(Gs2Header.Create(_userName));
        builder.Append('\u0001');
        if (!string.IsNullOrEmpty(_host))
        {
            builder.Append("host=").Append(_host).Append('\u0001');
        }

        if (_port is { } port)
        {
            builder.Append("port=").Append(port.ToString(CultureInfo.InvariantCulture)).Append('\u0001');
        }

        builder.Append("auth=Bearer ").Append(_accessToken).Append('\u0001').Append('\u0001');
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <inheritdoc/>
    protected override byte[] RespondAfterMessage(ReadOnlySpan<byte> challenge)
    {
        if (_errorAnswered)
        {
            return base.RespondAfterMessage(challenge);
        }

        // RFC 7628 section 3.2.3: after an error challenge the client must send the dummy response, a lone kvsep,
        // (or abort) so the server can finish with its failure result.
        _errorAnswered = true;
        ErrorJson = Encoding.UTF8.GetString(challenge);
        return [0x01];
    }
}
