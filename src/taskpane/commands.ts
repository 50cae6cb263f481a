/**
 * Function file of the ribbon (manifest FunctionFile). The add-in's only ribbon button opens the
 * task pane (ShowTaskpane), so there are no ExecuteFunction commands; the page just initialises Office.
 */
if (typeof Office !== 'undefined') void Office.onReady();
