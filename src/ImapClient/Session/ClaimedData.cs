namespace ImapClient.Session;

/// <summary>
/// Untagged data that names no command: LIST, LSUB, NAMESPACE, ID and EXPUNGE carry nothing to say which command
/// asked, and a STATUS only its mailbox. Two commands that would both claim such data must not run side by side, or the data
/// could not be routed.
/// </summary>
[Flags]
internal enum ClaimedData
{
    None = 0,

    /// <summary>Every <c>* LIST</c> while in flight.</summary>
    List = 1,

    /// <summary>Every <c>* LSUB</c> while in flight.</summary>
    Lsub = 2,

    /// <summary>Every <c>* NAMESPACE</c> while in flight.</summary>
    Namespace = 4,

    /// <summary>Every <c>* STATUS</c> while in flight, whatever its mailbox (LIST with a STATUS return option).</summary>
    AnyStatus = 8,

    /// <summary>The <c>* STATUS</c> of one named mailbox (STATUS): such commands may run side by side.</summary>
    OneStatus = 16,

    /// <summary>Every <c>* n EXPUNGE</c> (and a MOVE's untagged <c>OK [COPYUID …]</c>) while in flight.</summary>
    Expunge = 32,

    /// <summary>Every <c>* ID</c> while in flight.</summary>
    Id = 64,
}

/// <summary>Whether two commands' claims overlap.</summary>
internal static class ClaimedDataRules
{
    private const ClaimedData Exclusive = ClaimedData.List | ClaimedData.Lsub | ClaimedData.Namespace | ClaimedData.AnyStatus
        | ClaimedData.Expunge | ClaimedData.Id;

    public static bool Clash(ClaimedData a, ClaimedData b) =>
        (a & b & Exclusive) != 0
        || ((a & ClaimedData.AnyStatus) != 0 && (b & ClaimedData.OneStatus) != 0)
        || ((b & ClaimedData.AnyStatus) != 0 && (a & ClaimedData.OneStatus) != 0);
}
