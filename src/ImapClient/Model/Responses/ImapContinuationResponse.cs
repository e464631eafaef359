namespace ImapClient;

/// <summary>A continuation request (<c>+ text</c>): the server waits for more of the current command.</summary>
public sealed class ImapContinuationResponse : ImapResponse
{
    internal ImapContinuationResponse(string text) => Text = text;

    /// <summary>The text after <c>+</c> (a base64 challenge during AUTHENTICATE).</summary>
    public string Text { get; }
}
