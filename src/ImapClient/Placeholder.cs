namespace ImapClient.Protocol;

internal static class Placeholder;
