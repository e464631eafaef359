namespace ImapClient;

/// <summary>The server completed a command with a tagged NO or BAD.</summary>
public sealed class ImapCommandException : ImapException
{
    /// <summary>Creates the exception from the server's tagged completion.</summary>
    /// <param name="commandName">The command that failed, e.g. <c>SELECT</c>.</param>
    /// <param name="completion">The tagged NO or BAD response.</param>
    public ImapCommandException(string commandName, ImapStatusResponse completion)
        : base(FormatMessage(commandName, completion))
    {
        ArgumentNullException.ThrowIfNull(completion);
        CommandName = commandName;
        Status = completion.Status;
        ResponseCode = completion.Code;
        ResponseText = completion.Text;
    }

    /// <summary>The command that failed, e.g. <c>SELECT</c>.</summary>
    public string CommandName { get; }

    /// <summary><see cref="ImapStatus.No"/> or <see cref="ImapStatus.Bad"/>.</summary>
    public ImapStatus Status { get; }

    /// <summary>The response code the server attached (e.g. <c>[TRYCREATE]</c>), or null.</summary>
    public ImapResponseCode? ResponseCode { get; }

    /// <summary>The server's human-readable text, exactly as sent.</summary>
    public string ResponseText { get; }

    private static string FormatMessage(string commandName, ImapStatusResponse completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return $"{commandName} failed: the server answered {completion.Describe()}";
    }
}
