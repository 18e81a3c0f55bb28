using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Types are internal unless another project uses them (issue 14): a public type of a product assembly is either
/// referenced by another product assembly or appears in the public surface of one that is (C# requires those to be public
/// too); any other public type should be internal.</summary>
public sealed class InternalByDefaultTests
{
    private static readonly string[] ProductAssemblies =
    [
        "ReferralInsights.Config", "ReferralInsights.Ingest", "ReferralInsights.Transform", "ReferralInsights.Models",
        "ReferralInsights.Reports", "ReferralInsights.SampleProgram", "referral-insights",
    ];

    [Fact]
    public void EveryPublicTypeOfAProductAssembly_IsUsedByAnotherOrInThePublicSurfaceOfOneThatIs()
    {
        var folder = AppContext.BaseDirectory;
        var referenced = ProductAssemblies.SelectMany(a => ReferencedTypes(Path.Combine(folder, a + ".dll"))).ToHashSet();
        var publicTypes = ProductAssemblies.Select(a => Assembly.LoadFrom(Path.Combine(folder, a + ".dll")))
            .SelectMany(a => a.GetExportedTypes()).Where(t => !t.IsNested).ToList();
        var exposed = PublicSurface(publicTypes.Where(t => referenced.Contains(NameOf(t)) || DeclaresConstants(t)));
        var unreferenced = publicTypes.Where(t => !exposed.Contains(t)).Select(t => $"{NameOf(t).Assembly}: {t.FullName}").ToList();
        Assert.True(unreferenced.Count == 0, "public but used by no other project:\n" + string.Join("\n", unreferenced));
    }

    private static (string Assembly, string Type) NameOf(Type t) => (t.Assembly.GetName().Name!, t.FullName!);

    /// <summary>A use of a constant is compiled to its value, leaving no reference to the type that declares it.</summary>
    private static bool DeclaresConstants(Type type) => type.GetFields().Any(f => f.IsLiteral);

    /// <summary>The given types and, transitively, every type their public and protected members, base types and
    /// interfaces name (generic arguments and element types included).</summary>
    private static HashSet<Type> PublicSurface(IEnumerable<Type> roots)
    {
        const BindingFlags visible = BindingFlags.Public | BindingFlags.NonPublic |
            BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        void Visit(Type? t)
        {
            if (t is null) return;
            if (t.HasElementType) { Visit(t.GetElementType()); return; }
            if (t.IsGenericType) foreach (var a in t.GetGenericArguments()) Visit(a);
            if (t.IsGenericParameter) return;
            var top = t;
            while (top.DeclaringType is { } outer) top = outer;
            if (top.IsPublic) pending.Push(top);
        }
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type)) continue;
            foreach (var nested in type.GetNestedTypes().Where(n => n.IsNestedPublic)) pending.Push(nested);
            Visit(type.BaseType);
            foreach (var i in type.GetInterfaces()) Visit(i);
            foreach (var m in type.GetMembers(visible))
            {
                var surface = m switch
                {
                    FieldInfo f when f.IsPublic || f.IsFamily => [f.FieldType],
                    PropertyInfo p when p.GetMethod is { } g && (g.IsPublic || g.IsFamily) => [p.PropertyType],
                    MethodBase b when b.IsPublic || b.IsFamily =>
                        b.GetParameters().Select(x => x.ParameterType).Concat(b is MethodInfo mi ? [mi.ReturnType] : []),
                    _ => Enumerable.Empty<Type>(),
                };
                foreach (var t in surface) Visit(t);
            }
        }
        return seen;
    }

    /// <summary>(assembly, type) for every top-level type this assembly references in another assembly.</summary>
    private static IEnumerable<(string Assembly, string Type)> ReferencedTypes(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var found = new List<(string, string)>();
        foreach (var handle in md.TypeReferences)
        {
            var type = md.GetTypeReference(handle);
            if (type.ResolutionScope.Kind != HandleKind.AssemblyReference) continue;
            var assembly = md.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope);
            found.Add((md.GetString(assembly.Name), FullName(md.GetString(type.Namespace), md.GetString(type.Name))));
        }
        return found;
    }

    private static string FullName(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
