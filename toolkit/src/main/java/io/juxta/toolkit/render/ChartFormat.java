package io.juxta.toolkit.render;

/** How a chart value is shown in the notebook. */
public enum ChartFormat {
    /** A bitmap: small, shown by every front end. The default. */
    PNG,
    /** Vector graphics: sharp at any zoom, larger for charts with many points. */
    SVG
}
