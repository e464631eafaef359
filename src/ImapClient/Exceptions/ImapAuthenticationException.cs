using System.Security.Authentication;

namespace ImapClient;

/// <summary>
/// Authentication failed: the server rejected the credentials (a tagged NO to LOGIN or AUTHENTICATE), or the server
/// could not prove its own identity during a mutual-authentication mechanism. The connection stays usable for another
/// attempt unless the server closed it.
/// </summary>
public sealed class ImapAuthenticationException : AuthenticationException
{
    /// <summary>Creates the exception from the server's tagged completion.</summary>
    /// <param name="completion">The tagged NO or BAD.</param>
    public ImapAuthenticationException(ImapStatusResponse completion)
        : this(completion, null)
    {
    }

    /// <summary>Creates the exception from the server's tagged completion and what the server explained during the exchange.</summary>
    /// <param name="completion">The tagged NO or BAD.</param>
    /// <param name="serverDetail">E.g. the JSON error of an OAuth challenge; null when there was none.</param>
    public ImapAuthenticationException(ImapStatusResponse completion, string? serverDetail)
        : base($"Authentication failed: the server answered {Describe(completion)}{(serverDetail is null ? "" : $" ({serverDetail})")}")
    {
        ServerDetail = serverDetail;
        ResponseCode = completion.Code;
        ResponseText = completion.Text;
    }

    /// <summary>Creates the exception for a failure found on the client side.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ImapAuthenticationException(string message, Exception? innerException = null) : base(message, innerException)
    {
        ResponseText = "";
    }

    /// <summary>The response code the server attached (e.g. <c>[AUTHENTICATIONFAILED]</c>), or null.</summary>
    public ImapResponseCode? ResponseCode { get; }

    /// <summary>What the server explained during the exchange (an OAuth JSON error), or null.</summary>
    public string? ServerDetail { get; }

    /// <summary>The server's text, or empty when the failure was found on the client side.</summary>
    public string ResponseText { get; }

    private static string Describe(ImapStatusResponse completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return completion.Describe();
    }
}
