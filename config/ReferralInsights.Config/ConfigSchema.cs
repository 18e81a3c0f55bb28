using System.Collections;
using System.Reflection;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ReferralInsights.Config;

/// <summary>The shape of pipeline.yaml as the option classes define it: snake_case key ↔ property,
/// <c>List&lt;T&gt;</c> ↔ YAML list, <c>Dictionary&lt;string, T&gt;</c> ↔ mapping with free keys.</summary>
internal static class ConfigSchema
{
    public static string KeyOf(PropertyInfo property) => UnderscoredNamingConvention.Instance.Apply(property.Name);

    /// <summary>The settable instance properties of a section: its keys.</summary>
    public static IEnumerable<PropertyInfo> Properties(Type section) =>
        section.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0
                        && p.GetCustomAttribute<YamlIgnoreAttribute>() is null);

    public static bool AcceptsNull(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable);

    /// <summary>The type a path of a document of type <paramref name="root"/> holds, or null when the path leaves the schema.</summary>
    public static Type? TypeAt(Type root, IEnumerable<object> segments)
    {
        Type? type = root;
        foreach (var segment in segments)
        {
            type = type is null ? null
                : DictionaryValueType(type) ?? (segment is int ? ListItemType(type)
                    : Properties(type).FirstOrDefault(p => KeyOf(p) == (string)segment)?.PropertyType);
            if (type is not null) type = Nullable.GetUnderlyingType(type) ?? type;
        }
        return type;
    }

    public static IEnumerable<string> KeysOf(Type section) => Properties(section).Select(KeyOf);

    /// <summary>What a value of this type looks like in YAML, for error messages.</summary>
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "text";
        if (DictionaryValueType(type) is not null) return "a mapping of names to values";
        if (ListItemType(type) is not null) return "a list";
        return $"a section with keys {string.Join(", ", KeysOf(type))}";
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    /// <summary>Null where the options need a value: a non-nullable property, a list item or a
    /// mapping value. (Value types cannot hold null; <see cref="ConfigLoader"/> rejects those while reading.)</summary>
    public static IEnumerable<string> MissingValues(object section, string path)
    {
        foreach (var property in Properties(section.GetType()))
        {
            var key = YamlPositions.Join(path, KeyOf(property));
            var value = property.GetValue(section);
            if (value is null)
            {
                if (!AcceptsNull(property)) yield return key;
                continue;
            }
            foreach (var missing in MissingIn(value, key)) yield return missing;
        }
    }

    private static IEnumerable<string> MissingIn(object value, string path)
    {
        switch (value)
        {
            case string or ValueType:
                yield break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = YamlPositions.Join(path, entry.Key);
                    if (entry.Value is null) yield return key;
                    else foreach (var missing in MissingIn(entry.Value, key)) yield return missing;
                }
                break;
            case IList list:
                for (var i = 0; i < list.Count; i++)
                {
                    var key = YamlPositions.Join(path, i);
                    if (list[i] is null) yield return key;
                    else foreach (var missing in MissingIn(list[i]!, key)) yield return missing;
                }
                break;
            default:
                foreach (var missing in MissingValues(value, path)) yield return missing;
                break;
        }
    }
}
