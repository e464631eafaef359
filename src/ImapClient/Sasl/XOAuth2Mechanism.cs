using System.Text;

namespace ImapClient.Sasl;

/// <summary>The XOAUTH2 mechanism of Google and Microsoft: an OAuth 2.0 bearer token in the initial response.</summary>
internal sealed class XOAuth2Mechanism : InitialResponseMechanism
{
    private readonly string _userName;
    private readonly string _accessToken;
    private bool _errorAnswered;

    /// <summary>Creates the mechanism for the given user and access token.</summary>
    /// <exception cref="ArgumentException">A value contains ^A (U+0001), the message's field separator.</exception>
    public XOAuth2Mechanism(string userName, string accessToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(accessToken);
        OAuthText.RejectSeparator(userName, nameof(userName));
        OAuthText.RejectSeparator(accessToken, nameof(accessToken));
        _userName = userName;
        _accessToken = accessToken;
    }

    /// <inheritdoc/>
    public override string Name => SaslMechanismNames.XOAuth2;

    /// <summary>
    /// The server's error (a JSON object with <c>status</c>, <c>schemes</c> and <c>scope</c>) when it rejected the token,
    /// so the failure can say why; null until the server sends an error challenge.
    /// </summary>
    public string? ErrorJson { get; private set; }

    /// <inheritdoc/>
    protected override byte[] CreateMessage() =>
        Encoding.UTF8.GetBytes("user=" + _userName + "\u0001auth=Bearer " + _accessToken + "\u0001\u0001");

    /// <inheritdoc/>
    protected override byte[] RespondAfterMessage(ReadOnlySpan<byte> challenge)
    {
        // A rejected token comes back as a challenge carrying the error; the server sends its tagged NO only after
        // the client answers, and Google documents an empty answer for this.
        if (_errorAnswered)
        {
            return base.RespondAfterMessage(challenge);
        }

        _errorAnswered = true;
        ErrorJson = Encoding.UTF8.GetString(challenge);
        return [];
    }
}
