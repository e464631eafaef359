namespace ImapClient.Protocol;

/// <summary>The tags of the commands in flight, so a tagged completion can reuse its command's tag string.</summary>
internal interface ITagLookup
{
    /// <summary>The tag string of the command in flight whose tag is these bytes, or null.</summary>
    string? Find(ReadOnlySpan<byte> tag);
}
