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
        : base($"Authentication failed: the server answered {Describe(completion)}")
    {
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

    /// <summary>The server's text, or empty when the failure was found on the client side.</summary>
    public string ResponseText { get; }

    private static string Describe(ImapStatusResponse completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return completion.Describe();
    }
}
