using CsCheck;

namespace ImapClient.Tests.Infrastructure;

/// <summary>CsCheck generators the property tests share.</summary>
internal static class Generators
{
    /// <summary>One of <paramref name="values"/>, each as likely.</summary>
    public static Gen<string> OneOf(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);
}
