namespace ImapClient;

/// <summary>How STORE changes the flags.</summary>
public enum StoreAction
{
    /// <summary><c>+FLAGS</c>: add the flags.</summary>
    Add,

    /// <summary><c>-FLAGS</c>: remove the flags.</summary>
    Remove,

    /// <summary><c>FLAGS</c>: replace all flags.</summary>
    Replace,
}
